-- Messaging core: contacts, inbound messages, the outbox, delivery statuses, cases, anonymous
-- analytics events, and cluster-wide leases.
--
-- Times are milliseconds since the Unix epoch in both backends (bigint), so that the same Rust
-- code reads and writes them. Every inbound row is unique on (channel, provider_id): provider
-- retries and duplicates inside one payload are dropped by the database, not by hope.

create table contacts (
    id               integer primary key autoincrement,
    -- the adapter that reaches the teen: whatsapp, smsgate, twilio, telegram, simulator
    channel          text    not null,
    -- phone number, WhatsApp id or chat id; null once the teen erased their data (HAPUS)
    address          text,
    -- what counsellors see instead of the number
    pseudonym        text    not null,
    -- the code of the teen's invite link (Komunitas Genre)
    invite_code      text    not null unique,
    invited_by       bigint  references contacts (id) on delete set null,
    invites_joined   bigint  not null default 0,
    lang             text,
    age_band         text,
    kecamatan        text,
    events_opt_in    boolean not null default false,
    opted_out        boolean not null default false,
    consent_at       bigint,
    consent_channel  text,
    consent_version  text,
    -- the engine's ContactState as JSON (fields, where the teen is in a flow)
    state            text    not null default '{}',
    created_at       bigint  not null,
    -- last message from the teen: WhatsApp's 24-hour window and session expiry
    last_inbound_at  bigint,
    -- HAPUS was asked; the confirmation is still to be sent, then the address goes
    erasing          boolean not null default false,
    erased_at        bigint,
    unique (channel, address)
);

create table inbound (
    id            integer primary key autoincrement,
    contact_id    bigint  not null references contacts (id),
    channel       text    not null,
    provider_id   text    not null,
    -- the engine event as JSON (text, choice, media, case_closed...); null after retention
    event         text,
    received_at   bigint  not null,
    processed_at  bigint,
    unique (channel, provider_id)
);
create index inbound_pending on inbound (id) where processed_at is null;
create index inbound_contact on inbound (contact_id, id);

create table outbox (
    id                   integer primary key autoincrement,
    contact_id           bigint  not null references contacts (id),
    channel              text    not null,
    -- the inbound message that caused it (end-to-end latency), if any
    inbound_id           bigint,
    -- reply, counsellor, broadcast, alert, template
    kind                 text    not null,
    -- 0 replies and safety messages, 1 counsellor messages, 2 broadcasts: lower goes first
    priority             integer not null,
    -- the channel-neutral reply as JSON; emptied after retention and erasure
    body                 text    not null,
    even_if_stopped      boolean not null default false,
    -- pending, sending, held (outside WhatsApp's window), sent, delivered, read, failed, cancelled
    state                text    not null,
    attempts             integer not null default 0,
    next_attempt_at      bigint  not null,
    -- a sender's claim; an expired lease means the sender died mid-send (in doubt)
    lease_until          bigint,
    in_doubt             boolean not null default false,
    provider_message_id  text,
    last_error           text,
    case_id              bigint,
    broadcast_id         bigint,
    created_at           bigint  not null,
    sent_at              bigint,
    delivered_at         bigint,
    read_at              bigint,
    failed_at            bigint
);
create index outbox_due on outbox (next_attempt_at, priority, id) where state = 'pending';
create index outbox_contact on outbox (contact_id, id);
create unique index outbox_provider on outbox (channel, provider_message_id) where provider_message_id is not null;

-- Every delivery status received, deduplicated; statuses that arrive before the send result
-- is stored wait here and are applied when it is.
create table statuses (
    channel              text   not null,
    provider_message_id  text   not null,
    status               text   not null,
    at                   bigint not null,
    primary key (channel, provider_message_id, status)
);

create table cases (
    id               integer primary key autoincrement,
    contact_id       bigint  not null references contacts (id),
    topic            text    not null,
    urgent           boolean not null,
    kecamatan        text,
    -- flow, crisis or command
    origin           text    not null,
    reason           text    not null,
    -- waiting, assigned, closed
    status           text    not null,
    assignee_id      bigint,
    opened_at        bigint  not null,
    assigned_at      bigint,
    first_reply_at   bigint,
    closed_at        bigint,
    outcome          text,
    sla_alerted_at   bigint,
    -- the teen said the crisis response misunderstood them
    corrected        boolean not null default false,
    last_teen_at     bigint
);
create index cases_open on cases (status, urgent, opened_at);
create index cases_contact on cases (contact_id);

-- Anonymous analytics: what was asked, where flows end. contact_ref is cut at erasure.
create table events (
    id           integer primary key autoincrement,
    at           bigint not null,
    kind         text   not null,
    contact_ref  bigint,
    channel      text,
    topic        text,
    flow         text,
    node         text,
    run          bigint,
    value        text,
    kecamatan    text,
    age_band     text
);
create index events_kind_at on events (kind, at);

-- Cluster-wide leases: a timer runs on the instance holding its lease.
create table leases (
    name    text   primary key,
    holder  text   not null,
    until   bigint not null
);
