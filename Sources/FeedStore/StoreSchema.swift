internal import GRDB

/// The store's migrations, append-only: a released migration is never edited, a change is a new one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try createFeeds(db)
            try createArticles(db)
            try createSearchIndex(db)
            try db.execute(
                sql: """
                    -- Keys of articles the owner removed or retention dropped: a later fetch must not bring
                    -- them back. A key is "g:" + guid, "u:" + canonical URL or "h:" + content hash.
                    CREATE TABLE tombstone (
                        feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        deleted_at REAL NOT NULL,
                        PRIMARY KEY (feed_id, key)
                    ) WITHOUT ROWID;

                    -- How far each digest has read (first_seen of the last article it covered).
                    CREATE TABLE digest_watermark (
                        name TEXT PRIMARY KEY,
                        until REAL NOT NULL,
                        written_at REAL NOT NULL
                    );

                    -- One row: the running daemon, so feedctl can wake it and report on it.
                    CREATE TABLE daemon (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        pid INTEGER NOT NULL,
                        started_at REAL NOT NULL,
                        last_cycle_at REAL,
                        last_cycle_seconds REAL,
                        stopped_at REAL
                    );
                    """
            )
        }
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    -- The MinHash sketch of the cleaned text (StorySignature.encoded), for near-duplicate stories;
                    -- each writing process indexes the recent ones in memory (StoryIndex).
                    ALTER TABLE article ADD COLUMN signature BLOB;
                    -- What the boilerplate remover learned of the feed's template (FeedTemplateMemory.encoded).
                    ALTER TABLE feed ADD COLUMN template_memory BLOB;
                    -- How far a digest read by article id (ids are handed out in commit order, first-seen times are
                    -- not), and the day it was written for.
                    ALTER TABLE digest_watermark ADD COLUMN until_id INTEGER;
                    ALTER TABLE digest_watermark ADD COLUMN day TEXT;
                    """
            )
        }
        // From here on a migration runs with foreign keys off and no check at its end: GRDB's deferred check reads
        // every article (minutes on a large store on a slow disk). A migration that could break a reference
        // checks what it changed itself.
        migrator = migrator.disablingDeferredForeignKeyChecks()
        migrator.registerMigration("v3-feed-identity") { db in
            try makeFeedIDsPermanent(db)
            try addFeedURLKeys(db)
        }
        migrator.registerMigration("v4-schedule-reason") { db in
            try db.execute(
                sql: """
                    -- What decided next_due_at (a ScheduleReason raw value such as 'interval', 'ttl' or
                    -- 'back_off'), for feedctl list and show; NULL for schedules made before it was recorded.
                    ALTER TABLE feed ADD COLUMN next_due_reason TEXT;
                    -- What decided poll_seconds: a 304 keeps an interval the feed asked for (ttl, its pace), but
                    -- takes the owner's interval afresh from the configuration.
                    ALTER TABLE feed ADD COLUMN poll_reason TEXT;
                    """
            )
        }
        migrator.registerMigration("v5-lead-hash") { db in
            try db.execute(
                sql: """
                    -- The hash of the text's first 20 words (ContentFingerprint.leadHash): a teaser in one feed
                    -- and the full article in another share it, and so their story. NULL for shorter texts.
                    ALTER TABLE article ADD COLUMN lead_hash TEXT;
                    CREATE INDEX article_lead_hash ON article(lead_hash) WHERE lead_hash IS NOT NULL;
                    """
            )
        }
        migrator.registerMigration("v6-rules-alerts") { db in
            try createRulesAndAlerts(db)
        }
        migrator.registerMigration("v7-feed-options") { db in
            try db.execute(
                sql: """
                    -- FeedOptions as JSON (HTTP options, full text, kind and selectors or command); NULL for none.
                    -- Secrets are never stored: only the files or credentials they are read from.
                    ALTER TABLE feed ADD COLUMN options TEXT;
                    -- Full text: pages fetched and extracted for the feed's articles, pages that failed (fetch or
                    -- extraction) since the last success, and the last failure.
                    ALTER TABLE feed ADD COLUMN full_text_fetched INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE feed ADD COLUMN full_text_failures INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE feed ADD COLUMN full_text_error TEXT;
                    -- Article pages fetched for full text, by URL: their validators for the next conditional
                    -- request (an updated article, or one syndicated into two full-text feeds), what extraction
                    -- made of them (NULL when nothing usable), and the tries that failed in a way that may pass
                    -- (the article waits for the feed's next fetch until there are three). Pruned with the articles.
                    CREATE TABLE full_text_page (
                        url TEXT PRIMARY KEY,
                        etag TEXT,
                        last_modified TEXT,
                        content_html TEXT,
                        canonical_url TEXT,
                        failures INTEGER NOT NULL DEFAULT 0,
                        fetched_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX full_text_page_fetched ON full_text_page(fetched_at);
                    """
            )
        }
        migrator.registerMigration("v8-api-accounts") { db in
            try db.execute(
                sql: """
                    -- App passwords for the API (`feedctl api password NAME`): the Argon2id string of the
                    -- password, and the SHA-256 of its Fever key (md5 of NAME:PASSWORD, which Fever apps send).
                    CREATE TABLE api_account (
                        name TEXT PRIMARY KEY,
                        password_hash TEXT NOT NULL,
                        fever_key_hash TEXT NOT NULL UNIQUE,
                        created_at REAL NOT NULL,
                        last_used_at REAL
                    );
                    -- Google Reader login tokens, by their SHA-256; they go with their account's password.
                    CREATE TABLE api_token (
                        token_hash TEXT PRIMARY KEY,
                        account TEXT NOT NULL REFERENCES api_account(name) ON DELETE CASCADE,
                        created_at REAL NOT NULL,
                        expires_at REAL NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX api_token_account ON api_token(account);
                    -- The API's `feedd/highlights` label: the few articles a rule highlighted, newest first, without
                    -- a pass over the whole sort index.
                    CREATE INDEX article_highlighted ON article(sort_at DESC, id DESC) WHERE highlighted = 1;
                    """
            )
        }
        migrator.registerMigration("v9-lean-store") { db in
            try db.execute(
                sql: """
                    -- Each ingest transaction adds a segment to the full-text index, and merging segments four at
                    -- a time (FTS5's default) was a fifth of ingest's SQL work on a million articles; eight at a
                    -- time merges half as often, and a search reads at most eight segments of each level.
                    INSERT INTO article_search(article_search, rank) VALUES ('automerge', 8);
                    -- Stores that ran v8 before it gained the highlights label's index get it here.
                    CREATE INDEX IF NOT EXISTS article_highlighted ON article(sort_at DESC, id DESC)
                        WHERE highlighted = 1;
                    -- The API's unread counts need the story of each unread article: with story_id in the per-feed
                    -- index they read it alone instead of a row per article, and ingest writes no index more.
                    DROP INDEX article_feed_sort;
                    CREATE INDEX article_feed_sort ON article(feed_id, sort_at DESC, id DESC, read_at, story_id);
                    -- Ingest looked an article's URL up under up to eight spellings, a seek each; the spellings
                    -- share one key (ArticleURLKey), so one seek finds them all.
                    ALTER TABLE article ADD COLUMN url_key TEXT;
                    """
            )
            let key = DatabaseFunction("feedd_url_key", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map(ArticleURLKey.key(of:))
            }
            db.add(function: key)
            try db.execute(
                sql: """
                    UPDATE article SET url_key = feedd_url_key(canonical_url) WHERE canonical_url IS NOT NULL;
                    DROP INDEX article_url;
                    CREATE INDEX article_url_key ON article(url_key) WHERE url_key IS NOT NULL;
                    """)
            db.remove(function: key)
        }
        return migrator
    }

    /// What the owner's rules leave on articles, the alerts waiting for their sinks, and each sink's delivery.
    private static func createRulesAndAlerts(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Starred by the owner (feedctl star) or a rule's `star`; NULL when not.
                ALTER TABLE article ADD COLUMN starred_at REAL;
                -- A rule's `highlight`: shown first in the digest.
                ALTER TABLE article ADD COLUMN highlighted INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX article_starred ON article(starred_at) WHERE starred_at IS NOT NULL;
                -- Tags of an article (a rule's `tag:NAME`), besides its feed's tags.
                CREATE TABLE article_tag (
                    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    tag TEXT NOT NULL,
                    PRIMARY KEY (article_id, tag)
                ) WITHOUT ROWID;
                CREATE INDEX article_tag_by_tag ON article_tag(tag);
                -- Each time a rule touched an article: for `feedctl rules` counts and the article's `rules`. A
                -- dropped article is never stored, so its hit has no article.
                CREATE TABLE rule_hit (
                    id INTEGER PRIMARY KEY,
                    rule TEXT NOT NULL,
                    article_id INTEGER REFERENCES article(id) ON DELETE SET NULL,
                    feed_id INTEGER NOT NULL,
                    hit_at REAL NOT NULL
                );
                CREATE INDEX rule_hit_rule ON rule_hit(rule, hit_at);
                CREATE INDEX rule_hit_article ON rule_hit(article_id) WHERE article_id IS NOT NULL;
                -- Alerts in the order they happened: a rule's `notify:SINK` (sink set), a feed that broke or
                -- recovered, a digest written (sink NULL: every sink whose events include it). Each sink reads on
                -- from its own cursor, so an alert is kept until every sink has had it or it is a day old.
                CREATE TABLE alert (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    event TEXT NOT NULL,
                    sink TEXT,
                    rule TEXT,
                    article_id INTEGER,
                    feed_id INTEGER,
                    detail TEXT,
                    created_at REAL NOT NULL
                );
                CREATE INDEX alert_created ON alert(created_at);
                -- Each sink's delivery: the last alert it has had, and its retries.
                CREATE TABLE notify_sink (
                    name TEXT PRIMARY KEY,
                    delivered_through INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL,
                    last_delivery_at REAL,
                    last_error TEXT,
                    last_error_at REAL
                );
                """
        )
    }

    private static func createFeeds(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE feed (
                    id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL UNIQUE,
                    -- The owner's title (config or feedctl --title); the feed's own title otherwise.
                    custom_title TEXT,
                    feed_title TEXT,
                    site_link TEXT,
                    added_at REAL NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('config', 'feedctl')),
                    interval_seconds INTEGER,
                    tags TEXT NOT NULL DEFAULT '[]',
                    etag TEXT,
                    last_modified TEXT,
                    last_attempt_at REAL,
                    last_success_at REAL,
                    last_status INTEGER,
                    last_error TEXT,
                    failing_since REAL,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    next_due_at REAL NOT NULL,
                    -- The interval the feed's pace settled on at its last full fetch, reused after a 304.
                    poll_seconds REAL,
                    gone_at REAL,
                    -- A permanent redirect is trusted once it has been seen twice in a row.
                    redirect_url TEXT,
                    redirect_count INTEGER NOT NULL DEFAULT 0,
                    moved_from TEXT,
                    moved_at REAL
                );
                CREATE INDEX feed_due ON feed(next_due_at) WHERE gone_at IS NULL;
                """
        )
    }

    private static func createArticles(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE article (
                    -- AUTOINCREMENT: an id (and the story number it starts) is never given to another article.
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,
                    guid TEXT NOT NULL,
                    guid_is_derived INTEGER NOT NULL,
                    canonical_url TEXT,
                    link TEXT,
                    title TEXT,
                    authors TEXT NOT NULL DEFAULT '[]',
                    published_at REAL,
                    updated_at REAL,
                    first_seen_at REAL NOT NULL,
                    -- Newest first means by publication, or by arrival for undated entries (never in the future).
                    sort_at REAL NOT NULL,
                    summary TEXT,
                    content_html TEXT,
                    content_text TEXT,
                    enclosures TEXT NOT NULL DEFAULT '[]',
                    categories TEXT NOT NULL DEFAULT '[]',
                    content_hash TEXT NOT NULL,
                    story_id INTEGER NOT NULL,
                    read_at REAL
                );
                -- Lookups by URL or hash within a feed use the global indexes: few rows share a URL or a hash.
                CREATE UNIQUE INDEX article_identity ON article(feed_id, guid);
                CREATE INDEX article_url ON article(canonical_url) WHERE canonical_url IS NOT NULL;
                CREATE INDEX article_hash ON article(content_hash);
                CREATE INDEX article_story ON article(story_id);
                CREATE INDEX article_sort ON article(sort_at DESC, id DESC);
                -- read_at rides along so that per-feed article and unread counts are read from this index alone.
                CREATE INDEX article_feed_sort ON article(feed_id, sort_at DESC, id DESC, read_at);
                CREATE INDEX article_first_seen ON article(first_seen_at);
                """
        )
    }

    /// The full-text index follows the article table: deletes and updates through triggers, inserts in bulk at the
    /// end of each ingest transaction (`IngestStatements.indexArticles`), which is several times faster than row by
    /// row.
    private static func createSearchIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE article_search USING fts5(
                    title, content_text,
                    content = 'article', content_rowid = 'id',
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN
                    INSERT INTO article_search(article_search, rowid, title, content_text)
                    VALUES ('delete', old.id, old.title, old.content_text);
                END;
                CREATE TRIGGER article_search_update AFTER UPDATE OF title, content_text ON article BEGIN
                    INSERT INTO article_search(article_search, rowid, title, content_text)
                    VALUES ('delete', old.id, old.title, old.content_text);
                    INSERT INTO article_search(rowid, title, content_text)
                    VALUES (new.id, new.title, new.content_text);
                END;
                """
        )
    }
}
