"""The HTTP side: the JSON API and the web pages, on top of the use cases."""
