-- invariants: eligible ≥ rotated ≥ backbone rotated; ratio and target are shares;
-- met is empty exactly when nobody was eligible
select school_id, school_year, eligible, rotated, backbone_rotated, ratio, target, met
from rotation_compliance
where rotated > eligible or backbone_rotated > rotated
    or ratio not between 0 and 1 or target not between 0 and 1
    or (met is null) <> (eligible = 0)
