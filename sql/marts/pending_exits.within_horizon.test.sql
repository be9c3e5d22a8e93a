-- invariant: nothing falls due after the horizon; only retirement, exit age and term ends can be overdue
select pending_exits.*
from pending_exits
cross join run_params
where due_date > run_params.horizon_end
    or (overdue and exit_type = 'probation_end')
