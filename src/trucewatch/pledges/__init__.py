"""Internals of the pledge file format; the public API is :mod:`trucewatch.pledgefile`."""
