-- Indexes for the query API, chosen with EXPLAIN ANALYZE on the 250,000-record
-- benchmark set: the facets of a filtered set read every SDG link of each of
-- its recommendations, goal-level and target links alike, which the partial
-- unique indexes of 0002 cannot serve (a facets call for one state hashed all
-- 495,642 links: 180 ms).
CREATE INDEX recommendation_sdg_by_recommendation
    ON recommendation_sdg (recommendation_id, goal, target);
