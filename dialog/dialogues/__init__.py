"""Citizen dialogues (medborgardialoger): open, targeted and follow-up."""
