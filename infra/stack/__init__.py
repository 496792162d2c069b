"""Checks of the SAM template on emulated AWS (moto) and of its least privilege: infra/check-stack.py."""
