"""The advice as pure functions over plain values: no Qt, no Peewee.

What is due, what is weak, when a follow-up is polite again. Services call these with
plain values from the store; the UI may call them for display.
"""
