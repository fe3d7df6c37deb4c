"""The command line: ``afterview`` opens the window; sub-commands work on the data folder.

Sub-commands never import Qt, so they start fast and run on machines with no screen.
``parser.build_parser`` lists them; ``common`` opens the data folder for them.
"""
