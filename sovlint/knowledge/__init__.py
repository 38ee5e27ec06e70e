"""The facts in policies/: catalog look-ups with their sources, profiles, rule docs and explanations."""
