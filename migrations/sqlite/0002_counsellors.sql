-- Human counsellors, their console sessions, case notes, the audit log and supervisor alerts.

create table counsellors (
    id              integer primary key autoincrement,
    name            text    not null,
    login           text    not null unique,
    -- argon2id PHC string
    password_hash   text    not null,
    -- counsellor, supervisor or admin
    role            text    not null,
    -- JSON arrays; an empty array means "all"
    topics          text    not null default '[]',
    kecamatan       text    not null default '[]',
    -- cases held at once
    capacity        integer not null default 5,
    available       boolean not null default false,
    disabled        boolean not null default false,
    -- a supervisor's WhatsApp number for urgent alerts (optional)
    phone           text,
    lang            text    not null default 'id',
    failed_logins   integer not null default 0,
    locked_until    bigint,
    last_assigned_at bigint,
    created_at      bigint  not null
);

-- Console sessions: the cookie holds a random token, the table only its SHA-256.
create table sessions (
    token_hash     text   primary key,
    counsellor_id  bigint not null references counsellors (id),
    -- the CSRF token every form of this session carries
    csrf           text   not null,
    created_at     bigint not null,
    expires_at     bigint not null
);

create table case_notes (
    id             integer primary key autoincrement,
    case_id        bigint  not null references cases (id),
    counsellor_id  bigint  not null references counsellors (id),
    body           text    not null,
    created_at     bigint  not null
);
create index case_notes_case on case_notes (case_id);

-- Who did what: console logins, case views, number reveals, exports, erasures.
create table audit (
    id         integer primary key autoincrement,
    at         bigint  not null,
    actor_id   bigint,
    action     text    not null,
    target     text,
    detail     text
);
create index audit_at on audit (at);

-- Alerts for supervisors (urgent cases not picked up in time).
create table alerts (
    id        integer primary key autoincrement,
    at        bigint  not null,
    case_id   bigint  not null references cases (id),
    kind      text    not null,
    resolved  boolean not null default false
);

-- Staff phones (supervisor alerts) are contacts too, so that their messages use the same
-- outbox; reports leave them out.
alter table contacts add column staff boolean not null default false;
