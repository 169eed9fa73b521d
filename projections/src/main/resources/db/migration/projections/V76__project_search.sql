-- GET /projects?q= finds a project by its id, title, principal investigator or organisation whatever their case and
-- accents ("meteo" finds "Météo-France"), without the unaccent extension (not installable everywhere): the catalogue
-- projection writes each project's text once, lower-cased and stripped of its accents (SearchText), and a search reads
-- that column. The rows already there get it here, by the same folding for the letters of French and the languages
-- near it; the projection writes every later row.
ALTER TABLE view_project ADD COLUMN search_text TEXT;
UPDATE view_project SET search_text = lower(translate(
        project_id || ' ' || title || ' ' || principal_investigator || ' ' || organisation,
        'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿ',
        'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyy'));
ALTER TABLE view_project ALTER COLUMN search_text SET NOT NULL;
CREATE INDEX view_project_organisation ON view_project (organisation, project_id);
