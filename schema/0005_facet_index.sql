-- The facets and counts of a filtered set read a few columns of each of its
-- recommendations; with them in an index the reads are index-only instead of
-- a visit to each wide row (the texts live in the same rows): 24 -> 5 ms for
-- the 3,933 recommendations of one state in the 250,000-record set.
CREATE INDEX recommendation_facet_columns ON recommendation (id)
    INCLUDE (mechanism, body_id, upr_position, published, upr_cycle, upr_session, document_id);
