"""Reading the strategy files: the YAML tree with positions (load), the structural checks of
each file (convert) and the rules across files (validate)."""
