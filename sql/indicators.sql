-- olinpe: the observatories' indicators as SQL views over the tables of olinpe export (Parquet).
-- Written once in the dialect DuckDB and Spark SQL (3.3 or later) share; definitions in docs/guides/analysis.md,
-- tables and columns in docs/guides/parquet.md. Each view has one row per unit counted (a measure, a young
-- person, a spell…) with the year it counts in, so a figure is a GROUP BY away; olinpe report --engine duckdb
-- computes its report from these views only.
-- Expected tables (or views) first: measures, people, years, month_ends, quality, files.
-- Day numbers (*_day, *_n columns) are days since 1970-01-01: every engine subtracts them the same way.
-- One view is written per engine, as string aggregation in order differs: sequences.duckdb.sql, sequences.spark.sql.
-- age_band: the indicators' age bands (src/_lib/age-bands.ts, the analysis' indicatorAgeBand), written out in
-- each view; test/export/sql-age-bands.test.ts checks every CASE against that table.

-- Measures with the attributes of their young person.
CREATE OR REPLACE TEMPORARY VIEW ind_measure_facts AS
SELECT m.*,
  CASE p.sex WHEN '1' THEN 'masculin' WHEN '2' THEN 'féminin' ELSE 'inconnu' END AS sex_label,
  p.birth_year,
  COALESCE(p.birth_month, 7) AS birth_month_or_july
FROM measures m
JOIN people p ON p.person_id = m.person_id;

-- Measures in progress on 31 December of each year of the files: started on or before that day, not ended
-- before it (end after it or no end), end date known. Age on that day in completed years (born on the 1st of
-- MNAIS, 1 July when MNAIS is unknown; -1 when ANAIS is unknown).
CREATE OR REPLACE TEMPORARY VIEW ind_measures_in_progress AS
SELECT t.*,
  CASE WHEN age < 0 THEN 'inconnu' WHEN age <= 2 THEN '0-2' WHEN age <= 5 THEN '3-5' WHEN age <= 10 THEN '6-10'
       WHEN age <= 14 THEN '11-14' WHEN age <= 17 THEN '15-17' WHEN age <= 20 THEN '18-20' WHEN age <= 200 THEN '21+'
       ELSE 'inconnu' END AS age_band
FROM (
  SELECT y.year, m.measure_id, m.person_id, m.kind, m.nature_group, m.nature_code, m.sex_label, m.start_date,
    CASE WHEN m.birth_year IS NULL THEN -1 ELSE y.year - m.birth_year END AS age
  FROM ind_measure_facts m
  JOIN years y
    ON m.start_day IS NOT NULL AND NOT m.end_date_unknown
   AND m.start_day <= y.last_day_n AND (m.end_day IS NULL OR m.end_day > y.last_day_n)
) t;

-- Young people in progress on 31 December: one row per young person and year, with their first measure in
-- progress (its kind and nature group).
CREATE OR REPLACE TEMPORARY VIEW ind_people_in_progress AS
SELECT i.*
FROM ind_measures_in_progress i
JOIN (SELECT year, person_id, MIN(measure_id) AS measure_id FROM ind_measures_in_progress GROUP BY year, person_id) f
  ON f.year = i.year AND f.measure_id = i.measure_id;

-- Young adults: young people in progress on 31 December who are 18 or over that day.
CREATE OR REPLACE TEMPORARY VIEW ind_young_adults AS
SELECT year,
  COUNT(*) AS people_in_progress,
  SUM(CASE WHEN age >= 18 THEN 1 ELSE 0 END) AS young_adults,
  CAST(SUM(CASE WHEN age >= 18 THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS share
FROM ind_people_in_progress
GROUP BY year;

-- Entries of measures: the effective start (DATDEB) falls in the year; age at the start.
CREATE OR REPLACE TEMPORARY VIEW ind_measure_entries AS
SELECT t.*,
  CASE WHEN age < 0 THEN 'inconnu' WHEN age <= 2 THEN '0-2' WHEN age <= 5 THEN '3-5' WHEN age <= 10 THEN '6-10'
       WHEN age <= 14 THEN '11-14' WHEN age <= 17 THEN '15-17' WHEN age <= 20 THEN '18-20' WHEN age <= 200 THEN '21+'
       ELSE 'inconnu' END AS age_band
FROM (
  SELECT year(m.start_date) AS year, m.measure_id, m.person_id, m.kind, m.nature_group, m.sex_label, m.opening_missing,
    m.danger_SANTE, m.danger_SECURITE, m.danger_MORALITE, m.danger_CONDEDUC, m.danger_CONDEDEV, m.danger_VIOLSEX,
    m.danger_VIOLPHYS, m.danger_NEGLIG, m.danger_VIOLPSY, m.danger_VIOLCONJ, m.danger_DANGER, m.danger_MINA,
    CASE WHEN m.birth_year IS NULL THEN -1
         ELSE year(m.start_date) - m.birth_year - CASE WHEN month(m.start_date) < m.birth_month_or_july THEN 1 ELSE 0 END END AS age
  FROM ind_measure_facts m
  WHERE m.start_date IS NOT NULL
) t;

-- Exits of measures: the end (DATFIN of the last end line) falls in the year; age at the start (at the end when
-- the start is unknown); MOTFININT and MOTIFML of that end ('vide' when empty).
CREATE OR REPLACE TEMPORARY VIEW ind_measure_exits AS
SELECT t.*,
  CASE WHEN age < 0 THEN 'inconnu' WHEN age <= 2 THEN '0-2' WHEN age <= 5 THEN '3-5' WHEN age <= 10 THEN '6-10'
       WHEN age <= 14 THEN '11-14' WHEN age <= 17 THEN '15-17' WHEN age <= 20 THEN '18-20' WHEN age <= 200 THEN '21+'
       ELSE 'inconnu' END AS age_band
FROM (
  SELECT year(m.end_date) AS year, m.measure_id, m.person_id, m.kind, m.nature_group, m.sex_label,
    COALESCE(m.end_reason, 'vide') AS motfinint, COALESCE(m.end_reason_ml, 'vide') AS motifml,
    CASE WHEN m.birth_year IS NULL THEN -1
         ELSE year(COALESCE(m.start_date, m.end_date)) - m.birth_year
              - CASE WHEN month(COALESCE(m.start_date, m.end_date)) < m.birth_month_or_july THEN 1 ELSE 0 END END AS age
  FROM ind_measure_facts m
  WHERE m.end_date IS NOT NULL
) t;

-- Nature of danger at entry: measures starting in the year with their opening line, one row per danger variable
-- with its answer (oui, non, nsp = ne sait pas, vide).
CREATE OR REPLACE TEMPORARY VIEW ind_danger_at_entry AS
SELECT year, measure_id, variable,
  CASE code WHEN '2' THEN 'oui' WHEN '1' THEN 'non' WHEN '9' THEN 'nsp' ELSE 'vide' END AS answer
FROM (
  SELECT year, measure_id, 'SANTE' AS variable, danger_SANTE AS code FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'SECURITE', danger_SECURITE FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'MORALITE', danger_MORALITE FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'CONDEDUC', danger_CONDEDUC FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'CONDEDEV', danger_CONDEDEV FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'VIOLSEX', danger_VIOLSEX FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'VIOLPHYS', danger_VIOLPHYS FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'NEGLIG', danger_NEGLIG FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'VIOLPSY', danger_VIOLPSY FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'VIOLCONJ', danger_VIOLCONJ FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'DANGER', danger_DANGER FROM ind_measure_entries WHERE NOT opening_missing
  UNION ALL SELECT year, measure_id, 'MINA', danger_MINA FROM ind_measure_entries WHERE NOT opening_missing
) d;

-- Spells: a young person's measures (start and end date known) merged when they overlap or follow within a
-- day, in the order of their start. An open measure keeps its spell open. One row per spell.
CREATE OR REPLACE TEMPORARY VIEW ind_spells AS
WITH e AS (
  SELECT measure_id, person_id, start_day, end_day, opening_missing
  FROM measures
  WHERE start_day IS NOT NULL AND NOT end_date_unknown
), r AS (
  SELECT e.*,
    MAX(COALESCE(end_day, 2147483647)) OVER (PARTITION BY person_id ORDER BY measure_id
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
  FROM e
), n AS (
  SELECT r.*,
    SUM(CASE WHEN reach IS NULL OR start_day - 1 > reach THEN 1 ELSE 0 END)
      OVER (PARTITION BY person_id ORDER BY measure_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS spell_no
  FROM r
), s AS (
  SELECT person_id, spell_no,
    MIN(measure_id) AS first_measure_id,
    MIN(start_day) AS start_day,
    MAX(COALESCE(end_day, 2147483647)) AS reach
  FROM n
  GROUP BY person_id, spell_no
)
SELECT s.person_id, s.spell_no, s.first_measure_id, s.start_day,
  CASE WHEN s.reach = 2147483647 THEN NULL ELSE s.reach END AS end_day,
  s.reach = 2147483647 AS still_open,
  m.opening_missing AS truncated,
  LAG(CASE WHEN s.reach = 2147483647 THEN NULL ELSE s.reach END) OVER (PARTITION BY s.person_id ORDER BY s.spell_no) AS previous_end_day
FROM s
JOIN measures m ON m.measure_id = s.first_measure_id;

-- Entries and exits of young people: the start of a spell that does not begin with a left-truncated measure;
-- the end of a closed spell. Age at the start of the spell; kind and nature group of its first measure.
CREATE OR REPLACE TEMPORARY VIEW ind_people_spell_events AS
SELECT t.*,
  CASE WHEN age < 0 THEN 'inconnu' WHEN age <= 2 THEN '0-2' WHEN age <= 5 THEN '3-5' WHEN age <= 10 THEN '6-10'
       WHEN age <= 14 THEN '11-14' WHEN age <= 17 THEN '15-17' WHEN age <= 20 THEN '18-20' WHEN age <= 200 THEN '21+'
       ELSE 'inconnu' END AS age_band
FROM (
  SELECT ev.event, ev.year, s.person_id, s.spell_no, m.kind, m.nature_group, m.sex_label,
    CASE WHEN m.birth_year IS NULL THEN -1
         ELSE year(m.start_date) - m.birth_year - CASE WHEN month(m.start_date) < m.birth_month_or_july THEN 1 ELSE 0 END END AS age
  FROM ind_spells s
  JOIN ind_measure_facts m ON m.measure_id = s.first_measure_id
  JOIN (
    SELECT 'entry' AS event, s2.person_id, s2.spell_no, year(m2.start_date) AS year
    FROM ind_spells s2 JOIN measures m2 ON m2.measure_id = s2.first_measure_id
    WHERE NOT s2.truncated
    UNION ALL
    SELECT 'exit', s3.person_id, s3.spell_no, y.year
    FROM ind_spells s3 JOIN years y ON s3.end_day BETWEEN y.first_day_n AND y.last_day_n
    WHERE NOT s3.still_open
  ) ev ON ev.person_id = s.person_id AND ev.spell_no = s.spell_no
) t;

-- Re-entries: spells starting after an earlier spell of the same young person had ended, with the gap in days.
CREATE OR REPLACE TEMPORARY VIEW ind_reentries AS
SELECT person_id, spell_no, start_day - previous_end_day AS gap_days
FROM ind_spells
WHERE previous_end_day IS NOT NULL;

-- Durations: measures started within the files' years with their opening and a known end date (if ended).
-- duration_days runs to the end, or to 31 December of the last year for a measure still running (censored).
-- Measures left out (start unknown or before the files, end date unknown; decided but not started excepted)
-- are counted in ind_durations_excluded.
CREATE OR REPLACE TEMPORARY VIEW ind_durations AS
SELECT m.measure_id, m.nature_group,
  COALESCE(m.end_day, w.window_end_n) - m.start_day AS duration_days,
  m.end_day IS NOT NULL AS ended
FROM measures m
CROSS JOIN (SELECT MIN(window_start_n) AS window_start_n, MIN(window_end_n) AS window_end_n FROM years) w
WHERE m.start_day IS NOT NULL AND m.start_day >= w.window_start_n AND NOT m.opening_missing AND NOT m.end_date_unknown;

CREATE OR REPLACE TEMPORARY VIEW ind_durations_excluded AS
SELECT COUNT(*) AS excluded
FROM measures m
CROSS JOIN (SELECT MIN(window_start_n) AS window_start_n FROM years) w
WHERE NOT m.not_started
  AND (m.start_day IS NULL OR m.start_day < w.window_start_n OR m.opening_missing OR m.end_date_unknown);

-- Quartiles of the durations of the measures that ended (linear interpolation between order statistics).
CREATE OR REPLACE TEMPORARY VIEW ind_duration_quartiles AS
SELECT COUNT(*) AS measures,
  percentile_cont(0.25) WITHIN GROUP (ORDER BY duration_days) AS q1,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_days) AS median,
  percentile_cont(0.75) WITHIN GROUP (ORDER BY duration_days) AS q3
FROM ind_durations
WHERE ended;

-- Kaplan–Meier: at each duration with an end, the estimated share of measures still running ('all' measures,
-- and each nature group). A quartile is the first duration at which the share falls to 75 %, 50 %, 25 %.
CREATE OR REPLACE TEMPORARY VIEW ind_survival AS
WITH g AS (
  SELECT 'all' AS nature_group, duration_days, ended FROM ind_durations
  UNION ALL
  SELECT nature_group, duration_days, ended FROM ind_durations
), c AS (
  SELECT nature_group, duration_days, SUM(CASE WHEN ended THEN 1 ELSE 0 END) AS ends, COUNT(*) AS observed
  FROM g GROUP BY nature_group, duration_days
), r AS (
  SELECT c.*,
    SUM(observed) OVER (PARTITION BY nature_group ORDER BY duration_days DESC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS at_risk
  FROM c
)
SELECT nature_group, duration_days, ends, observed, at_risk,
  PRODUCT(1.0 - CAST(ends AS DOUBLE) / at_risk) OVER (PARTITION BY nature_group ORDER BY duration_days
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS survival
FROM r;

CREATE OR REPLACE TEMPORARY VIEW ind_survival_quartiles AS
SELECT nature_group,
  SUM(observed) AS measures,
  SUM(ends) AS ended,
  MIN(CASE WHEN ends > 0 AND survival <= 0.75 + 1e-12 THEN duration_days END) AS q1,
  MIN(CASE WHEN ends > 0 AND survival <= 0.5 + 1e-12 THEN duration_days END) AS median,
  MIN(CASE WHEN ends > 0 AND survival <= 0.25 + 1e-12 THEN duration_days END) AS q3
FROM ind_survival
GROUP BY nature_group;

-- Trajectories from one year to the next: each young person's main measure (the most recently started one in
-- progress, the later measure on a tie; 'aucune' when none) on 31 December of the year before the files and of
-- each year of the files. One row per young person and date, for the young people with a measure in progress on
-- at least one of these dates; a flow is a pair of consecutive dates (year - 1, year) of one young person.
CREATE OR REPLACE TEMPORARY VIEW ind_year_end_states AS
WITH days AS (
  SELECT year, last_day_n AS day_n FROM years
  UNION ALL
  SELECT MIN(year) - 1, MIN(first_day_n) - 1 FROM years HAVING COUNT(*) > 0
), in_progress AS (
  SELECT d.year, m.person_id, m.nature_group,
    ROW_NUMBER() OVER (PARTITION BY d.year, m.person_id ORDER BY m.start_day DESC, m.measure_id DESC) AS k
  FROM days d
  JOIN measures m
    ON m.start_day IS NOT NULL AND NOT m.end_date_unknown
   AND m.start_day <= d.day_n AND (m.end_day IS NULL OR m.end_day > d.day_n)
), counted AS (
  SELECT DISTINCT person_id FROM in_progress
)
SELECT d.year, d.day_n, c.person_id, COALESCE(i.nature_group, 'aucune') AS state
FROM days d
CROSS JOIN counted c
LEFT JOIN in_progress i ON i.year = d.year AND i.person_id = c.person_id AND i.k = 1;

-- First measure of each trajectory: its nature group and kind, or 'started before' when the trajectory began
-- before the files (first measure left-truncated, start unknown or before 1 January of the first year).
CREATE OR REPLACE TEMPORARY VIEW ind_first_measures AS
SELECT m.person_id, m.measure_id, m.kind, m.nature_group,
  (m.opening_missing OR m.start_day IS NULL OR m.start_day < w.window_start_n) AS started_before
FROM measures m
CROSS JOIN (SELECT MIN(window_start_n) AS window_start_n FROM years) w
WHERE m.rank = 1;

-- Measures in progress at the end of each month of the files' years.
CREATE OR REPLACE TEMPORARY VIEW ind_monthly_in_progress AS
SELECT me.month, m.kind, COUNT(*) AS measures
FROM month_ends me
JOIN measures m
  ON m.start_day IS NOT NULL AND NOT m.end_date_unknown
 AND m.start_day <= me.day_n AND (m.end_day IS NULL OR m.end_day > me.day_n)
GROUP BY me.month, m.kind;

-- The main counts of every year of the files.
CREATE OR REPLACE TEMPORARY VIEW ind_series AS
SELECT y.year,
  (SELECT COUNT(*) FROM ind_people_in_progress i WHERE i.year = y.year) AS people_in_progress,
  (SELECT COUNT(*) FROM ind_measures_in_progress i WHERE i.year = y.year) AS measures_in_progress,
  (SELECT COUNT(*) FROM ind_measure_entries i WHERE i.year = y.year) AS measure_entries,
  (SELECT COUNT(*) FROM ind_measure_exits i WHERE i.year = y.year) AS measure_exits,
  (SELECT COUNT(*) FROM ind_people_spell_events i WHERE i.event = 'entry' AND i.year = y.year) AS people_entries,
  (SELECT COUNT(*) FROM ind_people_spell_events i WHERE i.event = 'exit' AND i.year = y.year) AS people_exits
FROM years y;

-- What could not be linked, by category (see docs/guides/analysis.md).
CREATE OR REPLACE TEMPORARY VIEW ind_quality AS
SELECT category, COUNT(*) AS count
FROM quality
GROUP BY category;
