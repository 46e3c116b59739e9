"""Internals of `newslens.timexes`: word lists and patterns, detection, resolution."""
