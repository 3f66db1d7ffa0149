"""HTTP layer: thin routers, wire schemas, dependencies and problem rendering."""
