-- Sequences: each trajectory as its nature groups in order, repeats in a row collapsed, '…' first when it
-- began before the files. DuckDB form (sequences.spark.sql is the same view for Spark SQL). Needs indicators.sql.
CREATE OR REPLACE TEMPORARY VIEW ind_sequences AS
WITH steps AS (
  SELECT person_id, rank, nature_group,
    LAG(nature_group) OVER (PARTITION BY person_id ORDER BY rank) AS previous_group
  FROM measures
)
SELECT s.person_id,
  CASE WHEN f.started_before THEN '… → ' ELSE '' END || string_agg(s.nature_group, ' → ' ORDER BY s.rank) AS sequence
FROM steps s
JOIN ind_first_measures f ON f.person_id = s.person_id
WHERE s.previous_group IS NULL OR s.previous_group <> s.nature_group
GROUP BY s.person_id, f.started_before;
