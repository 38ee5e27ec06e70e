"""Reading files into data: the parser front door (memo, pool, cache) and the one YAML loader."""
