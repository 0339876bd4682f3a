DROP INDEX "investors_markets_idx";--> statement-breakpoint
ALTER TABLE "investors" ADD COLUMN "markets_folded" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "investors_markets_folded_idx" ON "investors" USING gin ("markets_folded");--> statement-breakpoint
-- Existing rows' folded markets. FORCE'd row-level security hides rows even from a table owner that is
-- not a superuser, so the update runs as the system role (which the migrating user was granted in 0017).
DO $$
BEGIN
  BEGIN
    SET LOCAL ROLE hidden_key_system;
  EXCEPTION WHEN insufficient_privilege OR invalid_parameter_value THEN NULL;
  END;
  UPDATE "investors" SET "markets_folded" = (
    SELECT coalesce(array_agg(lower(translate(market, 'àáâãäåāăąÀÁÂÃÄÅĀĂĄçćĉċčÇĆĈĊČďđĎĐèéêëēĕėęěÈÉÊËĒĔĖĘĚĝğġģĜĞĠĢĥħĤĦìíîïĩīĭįıÌÍÎÏĨĪĬĮİĵĴķĶĺļľŀłĹĻĽĿŁñńņňÑŃŅŇòóôõöøōŏőÒÓÔÕÖØŌŎŐŕŗřŔŖŘśŝşšŚŜŞŠţťŧŢŤŦùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲŵŴýÿŷÝŸŶźżžŹŻŽ', 'aaaaaaaaaaaaaaaaaaccccccccccddddeeeeeeeeeeeeeeeeeegggggggghhhhiiiiiiiiiiiiiiiiiijjkkllllllllllnnnnnnnnoooooooooooooooooorrrrrrssssssssttttttuuuuuuuuuuuuuuuuuuuuwwyyyyyyzzzzzz')) ORDER BY position), '{}'::text[])
      FROM unnest("markets") WITH ORDINALITY AS listed(market, position));
  RESET ROLE;
END $$;