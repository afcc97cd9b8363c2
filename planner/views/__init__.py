"""Views of a plan that several outputs share: the schedule's rows and groups, the
per-stage hours table, a node's explanation and a learner's status."""
