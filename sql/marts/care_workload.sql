-- grain: one row per person in post on the as-of date whose workload is to be eased for age
-- (PAY-CARE, 004 第5篇: 对在现岗位男55周岁、女50周岁以上的教职工，工作量上予以适当照顾): every staff
-- member, not only cadres (the seed says 教职工), aged at least the policy's age (以上 includes
-- it: a man turns eligible on his 55th birthday). For the 绩效津贴 page.
with params as (select * from run_params),
people as (select * from int_people_on_dates where evaluation_date = (select as_of from run_params)),

judged as (
    select people.*,
        policy_number('PAY-CARE', case when people.gender = 'M' then 'age_male' else 'age_female' end, params.as_of) as care_age,
    from people
    cross join params
),

final as (
    select
        staff_id, school_id, post, post_group, gender, cast(age as integer) as age,
        cast(care_age as integer) as care_age,
        cast(birth_date + to_years(cast(care_age as integer)) as date) as eligible_from,
        'PAY-CARE' as rule_id,
        post_zh || '，' || gender_zh || '，' || age || '周岁（≥' || number_text(care_age) || '周岁，自' || date_text(cast(birth_date + to_years(cast(care_age as integer)) as date))
            || '起），工作量上予以适当照顾（PAY-CARE）' as explanation,
    from judged
    where age >= care_age
    order by school_id, post_group, staff_id
)

select * from final
