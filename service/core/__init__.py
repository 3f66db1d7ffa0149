"""The service's use cases: what every entry point (API, batch, web page, CLI) calls, so that one
question always gets one answer."""
