-- invariant: nobody is due and exempt at once, and a hold shows only where the rule makes one due
select evaluation_id, staff_id, is_due_by_rule, is_due, is_exempt, hold_rule_id
from int_rotation_eligibility
where (is_due and is_exempt) or (is_due or is_exempt) <> is_due_by_rule
