-- Safari Genre broadcasts: an announcement to the teens who opted in to events.

create table broadcasts (
    id            integer primary key autoincrement,
    created_by    bigint  not null references counsellors (id),
    created_at    bigint  not null,
    -- the announcement as sent (SMS, Telegram, and WhatsApp inside the 24-hour window)
    body          text    not null,
    -- an approved WhatsApp template for teens whose 24-hour window is closed (optional)
    template      text,
    -- the audience: JSON arrays, an empty one meaning "all"
    kecamatan     text    not null default '[]',
    age_bands     text    not null default '[]',
    audience      bigint  not null,
    -- messages per second this broadcast may use (a share of the channel's limit)
    rate          double precision not null,
    cancelled_at  bigint
);

create index outbox_broadcast on outbox (broadcast_id) where broadcast_id is not null;
create index inbound_processed on inbound (processed_at) where event is not null;
