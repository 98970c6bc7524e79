"""Running the notebooks: the year's steps and the province pages through papermill.

``batch`` runs every year's ``01_clean`` and ``02_score``, then ``03_compare``, years in parallel
across the cores; ``portfolio`` runs ``04_province`` once per province in warm kernels;
``kernels`` is the ``analysis`` Jupyter kernel, a kernel's output sent to its log and a failure
told in one line; ``outcome`` tells the person who ran it what the run did.
"""
