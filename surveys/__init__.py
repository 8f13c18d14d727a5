"""Questionnaires for citizen dialogues: question templates, the leading-question check, answers."""
