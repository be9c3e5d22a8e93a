-- invariant: nothing falls due after the horizon; only retirement, exit age and term ends can be
-- overdue; only a dismissal can be protected, and a protected row says until when
select pending_exits.*
from pending_exits
cross join run_params
where due_date > run_params.horizon_end
    or (overdue and exit_type = 'probation_end')
    or (protected and exit_type not in ('appraisal_dismissal', 'vote_dismissal'))
    or (protected and protected_until is null)
