"""The expression language: syntax-tree nodes, evaluation, functions and values."""
