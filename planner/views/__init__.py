"""Views of a plan that several outputs share: the schedule's rows and groups, the
per-stage hours table, the catalogue, a node's explanation, a learner's status, week
and pace, and the terminal helpers every text renderer fits its lines with."""
