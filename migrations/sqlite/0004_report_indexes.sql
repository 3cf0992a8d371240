-- The reports read inbound messages and cases by time.
create index inbound_received on inbound (received_at);
create index cases_opened on cases (opened_at);
