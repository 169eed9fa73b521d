-- Every node keeps the tokens it has checked in memory (KnownTokens) and forgets them all when PostgreSQL tells it
-- that a token row changed: a trigger, so that every way of revoking (the API, the development token's start, an
-- administrator's UPDATE by hand) tells every node, at the commit of its transaction (docs/security.md).
-- [jooq ignore start] (a trigger is no table for the generated classes)
CREATE FUNCTION api_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('api_token_changed', COALESCE(NEW.token_id, OLD.token_id));
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_token_changed
    AFTER UPDATE OF revoked_at, expires_at, role, scope, secret_sha256 OR DELETE ON api_token
    FOR EACH ROW EXECUTE FUNCTION api_token_changed();
-- [jooq ignore stop]
