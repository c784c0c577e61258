# Leak corpus for lineage-aware masking (issue 16, docs/adr/0018).
# One statement per line. "+" : an exempt identity must see at least one seeded value in it
# (proves the statement really carries the data); "-" : it carries none by design (count, exists).
# "~" : may fail on the target for the exempt identity too (errors are checked for leaks as well).
# Tables: lc_customers(id, name, ssn, email, phone, dob, notes), lc_accounts(id, customer_id, iban, routing),
# lc_cards(id, account_id, pan); view lc_contacts over lc_customers; view lc_wide over a join.
## direct columns
+ SELECT ssn FROM lc_customers
+ SELECT c.ssn AS s FROM lc_customers c
+ SELECT pan FROM lc_cards
+ SELECT email FROM lc_customers
+ SELECT dob FROM lc_customers
+ SELECT iban, routing FROM lc_accounts
+ SELECT phone FROM lc_customers
+ SELECT * FROM lc_customers
+ SELECT c.* FROM lc_customers c
+ SELECT * FROM lc_customers c JOIN lc_accounts a ON a.customer_id = c.id
## functions, operators and casts
+ SELECT concat('x', ssn) FROM lc_customers
+ SELECT 'x' || ssn FROM lc_customers
+ SELECT ssn || '' FROM lc_customers
+ SELECT upper(email) FROM lc_customers
+ SELECT lower(email) FROM lc_customers
+ SELECT reverse(ssn) FROM lc_customers
+ SELECT reverse(pan) FROM lc_cards
+ SELECT translate(ssn, '0123456789', 'abcdefghij') FROM lc_customers
+ SELECT translate(pan, '0123456789', 'abcdefghij') FROM lc_cards
+ SELECT replace(ssn, '-', '') FROM lc_customers
+ SELECT regexp_replace(ssn, '[^0-9]', '', 'g') FROM lc_customers
+ SELECT encode(convert_to(pan, 'UTF8'), 'hex') FROM lc_cards
+ SELECT encode(convert_to(ssn, 'UTF8'), 'base64') FROM lc_customers
+ SELECT encode(convert_to(email, 'UTF8'), 'hex') FROM lc_customers
+ SELECT convert_to(ssn, 'UTF8') FROM lc_customers
+ SELECT ssn::bytea FROM lc_customers
+ SELECT format('%s', ssn) FROM lc_customers
+ SELECT format('ssn=%s;', ssn) FROM lc_customers
+ SELECT lpad(ssn, 20, '0') FROM lc_customers
+ SELECT rpad(pan, 25, 'x') FROM lc_cards
+ SELECT split_part(email, '@', 1) || '@' || split_part(email, '@', 2) FROM lc_customers
+ SELECT ssn::varchar(30) FROM lc_customers
+ SELECT ssn::char(20) FROM lc_customers
+ SELECT CAST(pan AS text) FROM lc_cards
+ SELECT pan::numeric FROM lc_cards
+ SELECT pan::numeric + 0 FROM lc_cards
+ SELECT pan::numeric::text FROM lc_cards
+ SELECT replace(ssn, '-', '')::int FROM lc_customers
+ SELECT replace(ssn, '-', '')::bigint * 1 FROM lc_customers
+ SELECT dob::text FROM lc_customers
+ SELECT to_char(dob, 'YYYYMMDD') FROM lc_customers
+ SELECT to_char(dob, 'DD/MM/YYYY') FROM lc_customers
+ SELECT dob + 0 FROM lc_customers
+ SELECT dob::timestamp FROM lc_customers
+ SELECT date_trunc('day', dob) FROM lc_customers
+ SELECT substr(ssn, 1, 20) FROM lc_customers
+ SELECT left(pan, 50) FROM lc_cards
+ SELECT right(iban, 40) FROM lc_accounts
+ SELECT repeat(ssn, 2) FROM lc_customers
+ SELECT concat_ws('|', name, ssn, email) FROM lc_customers
+ SELECT name || ' ' || phone FROM lc_customers
+ SELECT quote_literal(ssn) FROM lc_customers
+ SELECT initcap(email) FROM lc_customers
+ SELECT ARRAY[ssn, pan] FROM lc_customers, lc_cards
+ SELECT array_to_string(string_to_array(ssn, '-'), '') FROM lc_customers
+ SELECT array_to_string(ARRAY[ssn], ',') FROM lc_customers
+ SELECT ssn = ssn, ssn FROM lc_customers
+ SELECT (ssn)::text FROM lc_customers
## CASE, COALESCE and friends
+ SELECT CASE WHEN id > 0 THEN ssn ELSE 'none' END FROM lc_customers
+ SELECT CASE id WHEN 100 THEN pan END FROM lc_cards
+ SELECT COALESCE(NULL, ssn) FROM lc_customers
+ SELECT COALESCE(notes, email) FROM lc_customers
+ SELECT NULLIF(ssn, 'nothing') FROM lc_customers
+ SELECT GREATEST(ssn, '0') FROM lc_customers
+ SELECT LEAST(dob, DATE '2100-01-01') FROM lc_customers
## aggregates and windows
+ SELECT string_agg(ssn, ',') FROM lc_customers
+ SELECT string_agg(reverse(ssn), ',') FROM lc_customers
+ SELECT array_agg(ssn) FROM lc_customers
+ SELECT array_agg(dob) FROM lc_customers
+ SELECT max(ssn), min(pan) FROM lc_customers, lc_cards
+ SELECT max(dob) FROM lc_customers
+ SELECT json_agg(ssn) FROM lc_customers
+ SELECT jsonb_agg(email) FROM lc_customers
+ SELECT json_object_agg(id, ssn) FROM lc_customers
+ SELECT jsonb_object_agg(name, dob) FROM lc_customers
- SELECT count(ssn) FROM lc_customers
- SELECT count(DISTINCT ssn) FROM lc_customers
- SELECT count(*) FROM lc_customers WHERE ssn IS NOT NULL
+ SELECT id, lag(ssn) OVER (ORDER BY id) FROM lc_customers
+ SELECT id, lead(pan) OVER (ORDER BY id) FROM lc_cards
+ SELECT first_value(email) OVER (ORDER BY id) FROM lc_customers
+ SELECT max(ssn) OVER () FROM lc_customers
+ SELECT string_agg(ssn, ',') OVER (PARTITION BY id) FROM lc_customers
+ SELECT id, ssn, row_number() OVER (ORDER BY ssn) FROM lc_customers
## whole rows and JSON
+ SELECT row_to_json(c) FROM lc_customers c
+ SELECT json_agg(c) FROM lc_customers c
+ SELECT to_jsonb(c) FROM lc_customers c
+ SELECT to_json(c) FROM lc_customers c
+ SELECT jsonb_agg(c) FROM lc_customers c
+ SELECT row_to_json(c.*) FROM lc_customers c
+ SELECT json_agg(a) FROM lc_accounts a
+ SELECT row_to_json(k) FROM lc_cards k
+ SELECT row_to_json(x) FROM (SELECT ssn AS s, name FROM lc_customers) x
+ SELECT row_to_json(x) FROM (SELECT reverse(ssn) AS r, dob AS d FROM lc_customers) x
+ SELECT json_agg(x) FROM (SELECT id, email FROM lc_customers) x
+ SELECT c::text FROM lc_customers c
+ SELECT c FROM lc_customers c
+ SELECT ROW(c.*)::text FROM lc_customers c
+ SELECT ROW(ssn, name) FROM lc_customers
+ SELECT array_to_json(array_agg(c)) FROM lc_customers c
+ SELECT json_build_object('s', ssn) FROM lc_customers
+ SELECT jsonb_build_object('d', dob, 'p', phone) FROM lc_customers
+ SELECT json_build_array(pan) FROM lc_cards
+ SELECT (c).ssn FROM (SELECT c FROM lc_customers c) AS t
+ SELECT to_jsonb(c) -> 'ssn' FROM lc_customers c
+ SELECT to_jsonb(c) ->> 'dob' FROM lc_customers c
+ SELECT row_to_json(c)::text FROM lc_customers c
+ SELECT jsonb_pretty(to_jsonb(c)) FROM lc_customers c
## subqueries
+ SELECT (SELECT ssn FROM lc_customers ORDER BY id LIMIT 1)
+ SELECT (SELECT max(pan) FROM lc_cards) AS p
+ SELECT id, (SELECT reverse(ssn) FROM lc_customers i WHERE i.id = o.id) FROM lc_customers o
+ SELECT s FROM (SELECT ssn AS s FROM lc_customers) x
+ SELECT s || '' FROM (SELECT ssn AS s FROM lc_customers) x
+ SELECT t.* FROM (SELECT upper(email) AS e, dob FROM lc_customers) t
+ SELECT * FROM (SELECT * FROM lc_customers) t
+ SELECT l.x FROM lc_customers c, LATERAL (SELECT c.ssn || '!' AS x) l
+ SELECT l.* FROM lc_customers c CROSS JOIN LATERAL (SELECT reverse(q.pan_like) AS r FROM (SELECT c.ssn AS pan_like) q) l
+ SELECT t FROM lc_customers c, LATERAL regexp_split_to_table(c.ssn || ',' || c.email, ',') t
+ SELECT u FROM lc_customers c, LATERAL unnest(ARRAY[c.ssn, c.email]) u
+ SELECT ARRAY(SELECT ssn FROM lc_customers)
+ SELECT ARRAY(SELECT dob FROM lc_customers)::text
- SELECT EXISTS (SELECT 1 FROM lc_customers WHERE ssn IS NOT NULL)
+ SELECT id, ssn IN (SELECT ssn FROM lc_customers), ssn FROM lc_customers
## CTEs
+ WITH x AS (SELECT ssn FROM lc_customers) SELECT ssn FROM x
+ WITH x AS (SELECT ssn || '' AS s FROM lc_customers) SELECT s FROM x
+ WITH x(a) AS (SELECT ssn FROM lc_customers) SELECT upper(a) FROM x
+ WITH x AS (SELECT * FROM lc_customers) SELECT row_to_json(x) FROM x
+ WITH x AS (SELECT email, dob FROM lc_customers), y AS (SELECT * FROM x) SELECT * FROM y
+ WITH RECURSIVE r(n, v) AS (SELECT 1, ''::text UNION ALL SELECT n + 1, v || (SELECT ssn FROM lc_customers ORDER BY id LIMIT 1) FROM r WHERE n < 2) SELECT v FROM r
+ WITH RECURSIVE r(n, v) AS (SELECT id, ssn FROM lc_customers UNION ALL SELECT n + 10, reverse(v) FROM r WHERE n < 5) SELECT v FROM r
+ WITH u AS (UPDATE lc_customers SET name = name RETURNING ssn) SELECT * FROM u
+ WITH u AS (UPDATE lc_customers SET name = name RETURNING *) SELECT row_to_json(u) FROM u
## set operations
+ SELECT ssn FROM lc_customers UNION SELECT pan FROM lc_cards
+ SELECT name FROM lc_customers UNION ALL SELECT ssn FROM lc_customers
+ SELECT ssn FROM lc_customers INTERSECT SELECT ssn FROM lc_customers
+ SELECT ssn FROM lc_customers EXCEPT SELECT 'nothing'
+ SELECT reverse(ssn) FROM lc_customers UNION ALL SELECT reverse(pan) FROM lc_cards
+ SELECT email FROM lc_customers UNION SELECT iban FROM lc_accounts
+ SELECT * FROM lc_customers UNION ALL SELECT * FROM lc_customers
+ VALUES ((SELECT ssn FROM lc_customers ORDER BY id LIMIT 1))
## views
+ SELECT * FROM lc_contacts
+ SELECT ssn FROM lc_contacts
+ SELECT reverse(ssn) FROM lc_contacts
+ SELECT row_to_json(v) FROM lc_contacts v
+ SELECT dob FROM lc_contacts
+ SELECT * FROM lc_wide
+ SELECT translate(ident, '0123456789', 'abcdefghij') FROM lc_wide
## RETURNING
+ UPDATE lc_customers SET name = name RETURNING ssn
+ UPDATE lc_customers SET name = name RETURNING ssn || ''
+ UPDATE lc_customers c SET name = c.name RETURNING row_to_json(c)
+ UPDATE lc_cards SET id = id RETURNING reverse(pan)
+ DELETE FROM lc_customers WHERE id = 2 RETURNING ssn
+ INSERT INTO lc_accounts SELECT id + 1000, customer_id, iban, routing FROM lc_accounts RETURNING iban, routing
+ UPDATE lc_accounts SET iban = iban RETURNING *
## prepared statements and cursors
+ PREPARE lc_p AS SELECT reverse(ssn) FROM lc_customers; EXECUTE lc_p; DEALLOCATE lc_p
+ PREPARE lc_q AS SELECT row_to_json(c) FROM lc_customers c; EXECUTE lc_q; DEALLOCATE lc_q
+ BEGIN; DECLARE lc_c CURSOR FOR SELECT ssn || '' FROM lc_customers; FETCH ALL FROM lc_c; COMMIT
+ BEGIN; DECLARE lc_d CURSOR FOR SELECT json_agg(c) FROM lc_customers c; FETCH 1 FROM lc_d; CLOSE lc_d; COMMIT
+ BEGIN; DECLARE lc_e CURSOR FOR SELECT * FROM lc_customers; FETCH 5 FROM lc_e; COMMIT
+ BEGIN; DECLARE lc_f CURSOR FOR SELECT translate(pan, '0123456789', 'abcdefghij') FROM lc_cards; FETCH NEXT FROM lc_f; COMMIT
## unknown lineage (fail closed)
+ SELECT lc_secret(1)
+ SELECT * FROM lc_secret_rows()
+ SELECT query_to_xml('select ssn from lc_customers', true, false, '')
## errors carrying values
~ SELECT ssn::int FROM lc_customers
~ SELECT dob::text::int FROM lc_customers
~ SELECT pan::int FROM lc_cards
~ SELECT email::int FROM lc_customers
~ SELECT to_date(ssn, 'YYYY-MM-DD') FROM lc_customers
~ SELECT jsonb(ssn) FROM lc_customers
~ INSERT INTO lc_customers SELECT * FROM lc_customers
## COPY
~ COPY (SELECT ssn FROM lc_customers) TO STDOUT
~ COPY (SELECT reverse(ssn) FROM lc_customers) TO STDOUT WITH (FORMAT csv)
~ COPY lc_customers TO STDOUT
## filters and ordering (predicates are the guardrail's business; results must not carry values)
+ SELECT id, ssn FROM lc_customers WHERE ssn LIKE '5%'
+ SELECT id, reverse(ssn) FROM lc_customers ORDER BY ssn
+ SELECT email FROM lc_customers GROUP BY email HAVING count(*) > 0
+ SELECT DISTINCT ssn FROM lc_customers
+ SELECT DISTINCT ON (id) id, pan FROM lc_cards ORDER BY id
+ SELECT c.name, a.iban || '' FROM lc_customers c JOIN lc_accounts a ON a.customer_id = c.id
+ SELECT c.name, k.pan FROM lc_customers c JOIN lc_accounts a ON a.customer_id = c.id JOIN lc_cards k ON k.account_id = a.id
+ SELECT lpad(a.routing::bigint::text, 9, '0') FROM lc_accounts a
+ SELECT substring(routing FROM 1 FOR 9) FROM lc_accounts
+ SELECT phone || '' FROM lc_customers
+ SELECT regexp_replace(phone, '[^0-9]', '', 'g') FROM lc_customers
+ SELECT md5(ssn) = md5(ssn), ssn FROM lc_customers
