"""Cases: one per adult, the pathways it follows, eligibility for papers, and the backlog.

Other packages ask :func:`sijill.cases.service.papers_allowed` before issuing papers and read
:func:`sijill.cases.queries.case_state` for each pathway's current state.
"""
