-- grain: one row per person × cadre post (post and office) held on the as-of date: the unbroken
-- spell in it (term-by-term renewals merged, int_cadre_spells), the term running on the as-of
-- date counted from the spell's start (EXIT-TERM: a spell from 2012 open today is in its fifth
-- 3-year term, which ends 2027-08-31), and for middle posts the end of the last term the same
-- post may be held (APT-TERM-MAX: 同一岗位任期一般不超过三届, 002 篇十一, a middle-cadre rule)
with params as (select * from run_params),
appointments as (select * from stg_appointments where is_cadre_post),
spells as (select * from int_cadre_spells where spell_kind = 'post'),

records_in_force as (
    select appointments.*, spells.spell_start,
        -- the record's own 聘期, else the policy's term in force when the spell began
        coalesce(appointments.term_years, policy_number('APT-TERM', 'term_years', spells.spell_start)) as term_years_used,
        cast(policy_number('APT-TERM-MAX', 'terms', params.as_of) as integer) as max_terms,
        params.as_of,
    from appointments
    cross join params
    inner join spells
        on spells.staff_id = appointments.staff_id and spells.school_id = appointments.school_id
        and spells.spell_key = appointments.post || '|' || appointments.department
        and spells.spell_start <= params.as_of and spells.spell_end_or_open >= params.as_of
    where appointments.start_date <= params.as_of and appointments.end_date_or_open >= params.as_of
),

counted as (
    select *,
        nullif(cast(round(term_years_used * 12) as integer), 0) as term_months,
        -- whole months in the post: the term in progress is the next one after the completed ones
        date_sub('month', spell_start, as_of) // nullif(cast(round(term_years_used * 12) as integer), 0) + 1 as term_number,
    from records_in_force
),

final as (
    select
        staff_id, school_id, post, post_zh, post_group, post_rank, department, appointment_id,
        spell_start, term_years_used, term_months, term_number, max_terms,
        cast(spell_start + to_months((term_number - 1) * term_months) as date) as term_start,
        cast(spell_start + to_months(term_number * term_months) as date) - 1 as term_end,
        -- the end of the last term allowed in the same post: middle posts only
        case when post_group = 'middle' then cast(spell_start + to_months(max_terms * term_months) as date) - 1 end as last_term_end,
        post_group = 'middle' and term_number >= max_terms as is_in_last_term,
    from counted
)

select * from final
