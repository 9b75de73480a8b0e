-- Trends aggregate fill_reading over a period of all containers (module timeseries, FillTrends):
-- the existing index starts with pavilion and container, so a period needs its own.
CREATE INDEX fill_reading_by_time ON fill_reading (reading_time);
