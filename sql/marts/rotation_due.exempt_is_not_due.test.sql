-- invariant: an exempt person is never due at the same time
select staff_id, due, exempt from rotation_due where due and exempt
