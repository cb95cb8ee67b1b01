"""Holds on a person: what stops papers, permits and transfers until someone decides.

Other modules place and release holds (screening on a hit, a supervisor by hand); the
modules that issue or move things ask :func:`sijill.holds.service.blocking` before they act.
"""
