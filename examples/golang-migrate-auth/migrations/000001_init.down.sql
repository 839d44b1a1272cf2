DROP TABLE research_reports;
