"""The low-level output layer: HTML pages and tables, images, workbooks and Thai dates.

Nothing here imports from the rest of the package: these are building blocks that the score and
clean steps, the charts and the publishing layer (``analysis.report``) stand on, so none of them
has to import the publishing layer (its pages, index, provenance and the public-mode check) for a
helper. ``tests/test_layers.py`` keeps it so.
"""
