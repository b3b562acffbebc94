-- Student numbers are unique per university (team_members_one_student_per_university): the
-- members of university-track teams take their team's university unit.
UPDATE team_members m
   SET university_unit_id = tu.unit_id
  FROM team_units tu
  JOIN units u ON u.id = tu.unit_id AND u.type = 'university'
 WHERE tu.team_id = m.team_id AND m.student_number IS NOT NULL;
