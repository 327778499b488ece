-- ======================================================================================
-- hisops schema sync script
-- current:    openemr-5.0.2 (MariaDB fixture) (MySQL/MariaDB), fingerprint 64c16c8f9538053a
-- target:     openemr-8.2.0-dev (MariaDB fixture) (MySQL/MariaDB), fingerprint 8cc3d24f9c6f23f9
-- written:    2025-01-01T00:00:00.000Z by hisops golden, for MySQL/MariaDB
-- changes:    488 (column +274 -13 ~66; table +78 -4 ~0; index +49 -0 ~0; primary key +1 -0 ~3)
-- safe part:  150 statement(s) for 440 change(s)
-- review:     49 change(s) need a person (commented out below, with reasons)
-- Run it with `hisops schema sync <db> <target> --script <this file> --apply`: hisops checks the
-- fingerprint first and journals every statement, so a stopped run can be resumed with --resume.
-- hisops:plan {"format":"hisops-schema-script","version":1,"planId":"6ad7203c295d722b84803ff38e32c0e7","dialect":"mysql","current":"64c16c8f9538053ac4ff48fed5c7c321952bf7164592bee9745db85f72a05cf5","target":"8cc3d24f9c6f23f937bf96b3aba1895346eba50c222606edf016fa9c5ec562d8","statements":150,"hisopsVersion":"golden","createdAt":"2025-01-01T00:00:00.000Z"}
-- ======================================================================================

-- ======================================================================================
-- SAFE PART
-- ======================================================================================

-- table api_log
-- hisops:stmt 1 517 ["table:api_log"]
CREATE TABLE `api_log` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `log_id` int(11) NOT NULL,
  `user_id` bigint(20) NOT NULL,
  `patient_id` bigint(20) NOT NULL,
  `ip_address` varchar(255) NOT NULL,
  `method` varchar(20) NOT NULL,
  `request` varchar(255) NOT NULL,
  `request_url` text DEFAULT NULL,
  `request_body` longtext DEFAULT NULL,
  `response` longtext DEFAULT NULL,
  `created_time` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table api_refresh_token
-- hisops:stmt 2 541 ["table:api_refresh_token"]
CREATE TABLE `api_refresh_token` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `user_id` varchar(40) DEFAULT NULL,
  `client_id` varchar(80) DEFAULT NULL,
  `token` varchar(128) NOT NULL,
  `expiry` datetime DEFAULT NULL,
  `revoked` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1=revoked,0=not revoked',
  PRIMARY KEY (`id`),
  KEY `api_refresh_token_usr_client_idx` (`client_id`, `user_id`),
  UNIQUE KEY `token` (`token`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Holds information about api refresh tokens.';

-- table care_team_member
-- hisops:stmt 3 1331 ["table:care_team_member"]
CREATE TABLE `care_team_member` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `care_team_id` int(11) NOT NULL,
  `user_id` bigint(20) DEFAULT NULL COMMENT 'fk to users.id represents a provider or staff member',
  `contact_id` bigint(20) DEFAULT NULL COMMENT 'fk to contact.id which represents a contact person not in users or facility table',
  `role` varchar(50) NOT NULL COMMENT 'fk to list_options.option_id WHERE list_id=care_team_roles',
  `facility_id` bigint(20) DEFAULT NULL COMMENT 'fk to facility.id represents an organization or location',
  `provider_since` date DEFAULT NULL,
  `status` varchar(100) DEFAULT 'active' COMMENT 'fk to list_options.option_id where list_id=Care_Team_Status',
  `date_created` datetime DEFAULT current_timestamp(),
  `date_updated` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id and is the user that added this team member',
  `updated_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id and is the user that last updated this team member',
  `note` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `care_team_member_unique` (`care_team_id`, `user_id`, `facility_id`, `contact_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Stores members of a care team for a patient';

-- table care_teams
-- hisops:stmt 4 801 ["table:care_teams"]
CREATE TABLE `care_teams` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `pid` int(11) NOT NULL COMMENT 'fk to patient_data.pid',
  `status` varchar(100) DEFAULT 'active' COMMENT 'fk to list_options.option_id where list_id=Care_Team_Status',
  `team_name` varchar(255) DEFAULT NULL,
  `note` text DEFAULT NULL,
  `date_created` datetime DEFAULT current_timestamp(),
  `date_updated` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id for user who created this record',
  `updated_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id for user who last updated this record',
  PRIMARY KEY (`id`),
  UNIQUE KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table clinical_notes_documents
-- hisops:stmt 5 775 ["table:clinical_notes_documents"]
CREATE TABLE `clinical_notes_documents` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `clinical_note_id` bigint(20) NOT NULL COMMENT 'Foreign key to form_clinical_notes.id',
  `document_id` bigint(20) NOT NULL COMMENT 'Foreign key to documents.id',
  `created_at` timestamp NOT NULL DEFAULT current_timestamp() COMMENT 'When the link was created',
  `created_by` varchar(255) DEFAULT NULL COMMENT 'Username who created the link',
  PRIMARY KEY (`id`),
  KEY `idx_clinical_note_id` (`clinical_note_id`),
  KEY `idx_created_at` (`created_at`),
  KEY `idx_document_id` (`document_id`),
  UNIQUE KEY `unique_note_document` (`clinical_note_id`, `document_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Links clinical notes to patient documents';

-- table clinical_notes_procedure_results
-- hisops:stmt 6 848 ["table:clinical_notes_procedure_results"]
CREATE TABLE `clinical_notes_procedure_results` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `clinical_note_id` bigint(20) NOT NULL COMMENT 'Foreign key to form_clinical_notes.id',
  `procedure_result_id` bigint(20) NOT NULL COMMENT 'Foreign key to procedure_result.procedure_result_id',
  `created_at` timestamp NOT NULL DEFAULT current_timestamp() COMMENT 'When the link was created',
  `created_by` varchar(255) DEFAULT NULL COMMENT 'Username who created the link',
  PRIMARY KEY (`id`),
  KEY `idx_clinical_note_id` (`clinical_note_id`),
  KEY `idx_created_at` (`created_at`),
  KEY `idx_procedure_result_id` (`procedure_result_id`),
  UNIQUE KEY `unique_note_result` (`clinical_note_id`, `procedure_result_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Links clinical notes to procedure results/lab values';

-- table contact
-- hisops:stmt 7 294 ["table:contact"]
CREATE TABLE `contact` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `foreign_table_name` varchar(255) NOT NULL DEFAULT '',
  `foreign_id` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `foreign_id` (`foreign_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table contact_address
-- hisops:stmt 8 1280 ["table:contact_address"]
CREATE TABLE `contact_address` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `contact_id` bigint(20) NOT NULL,
  `address_id` bigint(20) NOT NULL,
  `priority` int(11) DEFAULT NULL,
  `type` varchar(255) DEFAULT NULL COMMENT 'FK to list_options.option_id for list_id address-types',
  `use` varchar(255) DEFAULT NULL COMMENT 'FK to list_options.option_id for list_id address-uses',
  `notes` tinytext DEFAULT NULL,
  `status` char(1) DEFAULT NULL COMMENT 'A=active,I=inactive',
  `is_primary` char(1) DEFAULT NULL COMMENT 'Y=yes,N=no',
  `period_start` datetime DEFAULT NULL COMMENT 'Date the address became active',
  `period_end` datetime DEFAULT NULL COMMENT 'Date the address became deactivated',
  `inactivated_reason` varchar(45) DEFAULT NULL COMMENT '[Values: Moved, Mail Returned, etc]',
  `created_date` datetime NOT NULL DEFAULT current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  `updated_date` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `updated_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  PRIMARY KEY (`id`),
  KEY `address_id` (`address_id`),
  KEY `contact_address_idx` (`contact_id`, `address_id`),
  KEY `contact_id` (`contact_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table contact_relation
-- hisops:stmt 9 1132 ["table:contact_relation"]
CREATE TABLE `contact_relation` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `contact_id` bigint(20) NOT NULL,
  `target_table` varchar(255) NOT NULL DEFAULT '',
  `target_id` bigint(20) NOT NULL,
  `active` tinyint(1) DEFAULT 1,
  `role` varchar(63) DEFAULT NULL,
  `relationship` varchar(63) DEFAULT NULL,
  `contact_priority` int(11) DEFAULT 1 COMMENT '1=highest priority',
  `is_primary_contact` tinyint(1) DEFAULT 0,
  `is_emergency_contact` tinyint(1) DEFAULT 0,
  `can_make_medical_decisions` tinyint(1) DEFAULT 0,
  `can_receive_medical_info` tinyint(1) DEFAULT 0,
  `start_date` datetime DEFAULT NULL,
  `end_date` datetime DEFAULT NULL,
  `notes` text DEFAULT NULL,
  `created_date` datetime NOT NULL DEFAULT current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  `updated_date` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `updated_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  PRIMARY KEY (`id`),
  KEY `contact_id` (`contact_id`),
  KEY `idx_contact_target_table` (`target_table`, `target_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table contact_telecom
-- hisops:stmt 10 1302 ["table:contact_telecom"]
CREATE TABLE `contact_telecom` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `contact_id` bigint(20) NOT NULL,
  `rank` int(11) DEFAULT NULL COMMENT 'Specify preferred order of use (1 = highest)',
  `system` varchar(255) DEFAULT NULL COMMENT 'FK to list_options.option_id for list_id telecom_systems [phone, fax, email, pager, url, sms, other]',
  `use` varchar(255) DEFAULT NULL COMMENT 'FK to list_options.option_id for list_id telecom_uses [home, work, temp, old, mobile]',
  `value` varchar(255) DEFAULT NULL,
  `status` char(1) DEFAULT NULL COMMENT 'A=active,I=inactive',
  `is_primary` char(1) DEFAULT NULL COMMENT 'Y=yes,N=no',
  `notes` tinytext DEFAULT NULL,
  `period_start` datetime DEFAULT NULL COMMENT 'Date the telecom became active',
  `period_end` datetime DEFAULT NULL COMMENT 'Date the telecom became deactivated',
  `inactivated_reason` varchar(45) DEFAULT NULL COMMENT '[Values: ???, etc]',
  `created_date` datetime NOT NULL DEFAULT current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  `updated_date` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `updated_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  PRIMARY KEY (`id`),
  KEY `contact_id` (`contact_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table document_template_profiles
-- hisops:stmt 11 781 ["table:document_template_profiles"]
CREATE TABLE `document_template_profiles` (
  `id` bigint(21) unsigned NOT NULL AUTO_INCREMENT,
  `template_id` bigint(21) unsigned NOT NULL,
  `profile` varchar(64) NOT NULL,
  `template_name` varchar(255) NOT NULL,
  `category` varchar(64) NOT NULL,
  `provider` int(11) unsigned DEFAULT NULL,
  `modified_date` datetime NOT NULL DEFAULT current_timestamp(),
  `member_of` varchar(64) NOT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 0,
  `recurring` tinyint(1) NOT NULL DEFAULT 1,
  `event_trigger` varchar(31) NOT NULL,
  `period` int(4) NOT NULL,
  `notify_trigger` varchar(31) NOT NULL,
  `notify_period` int(4) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `location` (`profile`, `template_id`, `member_of`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table document_templates
-- hisops:stmt 12 842 ["table:document_templates"]
CREATE TABLE `document_templates` (
  `id` bigint(21) unsigned NOT NULL AUTO_INCREMENT,
  `pid` bigint(20) DEFAULT NULL,
  `provider` int(11) unsigned DEFAULT NULL,
  `encounter` int(11) unsigned DEFAULT NULL,
  `modified_date` datetime NOT NULL DEFAULT current_timestamp(),
  `profile` varchar(63) NOT NULL,
  `category` varchar(63) NOT NULL,
  `location` varchar(255) DEFAULT NULL,
  `template_name` varchar(255) DEFAULT NULL,
  `status` varchar(31) DEFAULT NULL,
  `send_date` datetime NOT NULL DEFAULT current_timestamp(),
  `end_date` datetime DEFAULT NULL,
  `size` int(11) NOT NULL DEFAULT 0,
  `template_content` mediumblob DEFAULT NULL,
  `mime` varchar(31) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `location` (`pid`, `profile`, `category`, `template_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table dsi_source_attributes
-- hisops:stmt 13 759 ["table:dsi_source_attributes"]
CREATE TABLE `dsi_source_attributes` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `client_id` varchar(80) NOT NULL,
  `list_id` varchar(100) NOT NULL,
  `option_id` varchar(100) NOT NULL,
  `clinical_rule_id` varchar(31) DEFAULT NULL,
  `source_value` text DEFAULT NULL,
  `created_by` bigint(20) DEFAULT NULL,
  `last_updated_by` bigint(20) DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT current_timestamp(),
  `last_updated_at` timestamp NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `list_id` (`list_id`, `option_id`, `client_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Holds information about decision support intervention system source attributes';

-- table edi_sequences
-- hisops:stmt 14 140 ["table:edi_sequences"]
CREATE TABLE `edi_sequences` (
  `id` int(9) unsigned NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table email_queue
-- hisops:stmt 15 704 ["table:email_queue"]
CREATE TABLE `email_queue` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `sender` varchar(255) DEFAULT '',
  `recipient` varchar(255) DEFAULT '',
  `subject` varchar(255) DEFAULT '',
  `body` text DEFAULT NULL,
  `datetime_queued` datetime DEFAULT NULL,
  `sent` tinyint(4) DEFAULT 0,
  `datetime_sent` datetime DEFAULT NULL,
  `error` tinyint(4) DEFAULT 0,
  `error_message` text DEFAULT NULL,
  `datetime_error` datetime DEFAULT NULL,
  `template_name` varchar(255) DEFAULT NULL COMMENT 'The folder prefix and base filename (w/o extension) of the twig template file to use for this email',
  PRIMARY KEY (`id`),
  KEY `sent` (`sent`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table export_job
-- hisops:stmt 16 652 ["table:export_job"]
CREATE TABLE `export_job` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `user_id` varchar(40) NOT NULL,
  `client_id` varchar(80) NOT NULL,
  `status` varchar(40) NOT NULL,
  `start_time` datetime DEFAULT NULL,
  `resource_include_time` datetime DEFAULT NULL,
  `output_format` varchar(128) NOT NULL,
  `request_uri` varchar(128) NOT NULL,
  `resources` text DEFAULT NULL,
  `output` text DEFAULT NULL,
  `errors` text DEFAULT NULL,
  `access_token_id` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='fhir export jobs';

-- table fee_schedule
-- hisops:stmt 17 546 ["table:fee_schedule"]
CREATE TABLE `fee_schedule` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `insurance_company_id` int(11) NOT NULL DEFAULT 0,
  `plan` varchar(20) DEFAULT '',
  `code` varchar(10) DEFAULT '',
  `modifier` varchar(2) DEFAULT '',
  `type` varchar(20) DEFAULT '',
  `fee` decimal(12,2) DEFAULT NULL,
  `effective_date` date DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `ins_plan_code_mod_type_date` (`insurance_company_id`, `plan`, `code`, `modifier`, `type`, `effective_date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_clinical_notes
-- hisops:stmt 18 906 ["table:form_clinical_notes"]
CREATE TABLE `form_clinical_notes` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `form_id` bigint(20) NOT NULL,
  `uuid` binary(16) DEFAULT NULL,
  `date` date DEFAULT NULL,
  `pid` bigint(20) DEFAULT NULL,
  `encounter` varchar(255) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `groupname` varchar(255) DEFAULT NULL,
  `authorized` tinyint(4) DEFAULT NULL,
  `activity` tinyint(4) DEFAULT NULL,
  `code` varchar(255) DEFAULT NULL,
  `codetext` text DEFAULT NULL,
  `description` text DEFAULT NULL,
  `external_id` varchar(30) DEFAULT NULL,
  `clinical_notes_type` varchar(100) DEFAULT NULL,
  `clinical_notes_category` varchar(100) DEFAULT NULL,
  `note_related_to` text DEFAULT NULL,
  `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_history_sdoh
-- hisops:stmt 19 4438 ["table:form_history_sdoh"]
CREATE TABLE `form_history_sdoh` (
  `id` bigint(21) unsigned NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `pid` int(10) unsigned NOT NULL,
  `encounter` int(10) unsigned DEFAULT NULL,
  `created_at` datetime NOT NULL DEFAULT current_timestamp(),
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `created_by` int(10) unsigned DEFAULT NULL COMMENT 'fk to users.id user that created this record',
  `updated_by` int(10) unsigned DEFAULT NULL COMMENT 'fk to users.id user that last modified this record',
  `assessment_date` date DEFAULT NULL,
  `screening_tool` varchar(255) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_instruments represents the assessment tool used to administer this assessment',
  `assessor` varchar(255) DEFAULT NULL COMMENT 'fk to users.username the user that administered the assessment',
  `food_insecurity` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_food_insecurity_risk',
  `food_insecurity_notes` text DEFAULT NULL,
  `housing_instability` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_housing_worry',
  `housing_instability_notes` text DEFAULT NULL,
  `transportation_insecurity` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_transportation_barrier',
  `transportation_insecurity_notes` text DEFAULT NULL,
  `utilities_insecurity` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_utilities_shutoff',
  `utilities_insecurity_notes` text DEFAULT NULL,
  `interpersonal_safety` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_financial_strain',
  `interpersonal_safety_notes` text DEFAULT NULL,
  `financial_strain` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_financial_strain',
  `financial_strain_notes` text DEFAULT NULL,
  `social_isolation` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_social_isolation_freq',
  `social_isolation_notes` text DEFAULT NULL,
  `childcare_needs` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_childcare_needs',
  `childcare_needs_notes` text DEFAULT NULL,
  `digital_access` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_digital_access',
  `digital_access_notes` text DEFAULT NULL,
  `employment_status` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_food_insecurity_risk',
  `education_level` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_education_level',
  `caregiver_status` varchar(20) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_food_insecurity_risk',
  `veteran_status` varchar(20) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=sdoh_food_insecurity_risk',
  `pregnancy_status` varchar(20) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=pregnancy_status',
  `pregnancy_edd` date DEFAULT NULL COMMENT 'Estimated due date for pregnancy',
  `pregnancy_intent` varchar(32) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=pregnancy_intent Pregnancy Intent Over Next Year (codes from PregnancyIntent list)',
  `postpartum_status` varchar(20) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=postpartum_status',
  `postpartum_end` date DEFAULT NULL COMMENT 'PostPartum end date',
  `goals` text DEFAULT NULL,
  `interventions` text DEFAULT NULL,
  `instrument_score` int(11) DEFAULT NULL,
  `positive_domain_count` int(11) DEFAULT NULL,
  `declined_flag` tinyint(1) DEFAULT NULL,
  `disability_status` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=disability_status',
  `disability_status_notes` text DEFAULT NULL,
  `disability_scale` text DEFAULT NULL,
  `hunger_q1` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=vital_signs_answers',
  `hunger_q2` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id WHERE list_id=vital_signs_answers',
  `hunger_score` int(11) DEFAULT NULL COMMENT 'Calculated HVS score',
  PRIMARY KEY (`id`),
  KEY `assessment_idx` (`assessment_date`),
  KEY `encounter_idx` (`encounter`),
  KEY `pid_idx` (`pid`),
  KEY `uuid_idx` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_history_sdoh_health_concerns
-- hisops:stmt 20 744 ["table:form_history_sdoh_health_concerns"]
CREATE TABLE `form_history_sdoh_health_concerns` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `sdoh_history_id` bigint(20) unsigned NOT NULL COMMENT 'FK to form_history_sdoh.id',
  `health_concern_id` bigint(20) NOT NULL COMMENT 'FK to lists.id where type=health_concern or medical_problem',
  `created_at` datetime NOT NULL DEFAULT current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'FK to users.id',
  PRIMARY KEY (`id`),
  KEY `idx_health_concern` (`health_concern_id`),
  KEY `idx_sdoh_history` (`sdoh_history_id`),
  UNIQUE KEY `unique_sdoh_concern` (`sdoh_history_id`, `health_concern_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Links SDOH assessments to health concern conditions';

-- table form_questionnaire_assessments
-- hisops:stmt 21 997 ["table:form_questionnaire_assessments"]
CREATE TABLE `form_questionnaire_assessments` (
  `id` bigint(21) NOT NULL AUTO_INCREMENT,
  `date` datetime DEFAULT current_timestamp(),
  `response_id` text DEFAULT NULL COMMENT 'The foreign id to the questionnaire_response repository',
  `pid` bigint(21) NOT NULL DEFAULT 0,
  `user` varchar(255) DEFAULT NULL,
  `groupname` varchar(255) DEFAULT NULL,
  `authorized` tinyint(4) NOT NULL DEFAULT 0,
  `activity` tinyint(4) NOT NULL DEFAULT 1,
  `copyright` text DEFAULT NULL,
  `form_name` varchar(255) DEFAULT NULL,
  `response_meta` text DEFAULT NULL COMMENT 'json meta data for the response resource',
  `questionnaire_id` text DEFAULT NULL COMMENT 'The foreign id to the questionnaire_repository',
  `questionnaire` longtext DEFAULT NULL,
  `questionnaire_response` longtext DEFAULT NULL,
  `lform` longtext DEFAULT NULL,
  `lform_response` longtext DEFAULT NULL,
  `category` varchar(64) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_vital_details
-- hisops:stmt 22 1384 ["table:form_vital_details"]
CREATE TABLE `form_vital_details` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `form_id` bigint(20) NOT NULL COMMENT 'FK to vital_forms.id',
  `vitals_column` varchar(64) NOT NULL COMMENT 'Column name from form_vitals',
  `interpretation_list_id` varchar(100) DEFAULT NULL COMMENT 'FK to list_options.list_id for observation_interpretation',
  `interpretation_option_id` varchar(100) DEFAULT NULL COMMENT 'FK to list_options.option_id for observation_interpretation',
  `interpretation_codes` varchar(255) DEFAULT NULL COMMENT 'Archived original codes value from list_options observation_interpretation',
  `interpretation_title` varchar(255) DEFAULT NULL COMMENT 'Archived original title value from list_options observation_interpretation',
  `reason_code` varchar(31) DEFAULT NULL COMMENT 'Medical code explaining reason of the vital observation value in form codesystem:codetype;...;',
  `reason_description` text DEFAULT NULL COMMENT 'Human readable text description of the reason_code column',
  `reason_status` varchar(31) DEFAULT NULL COMMENT 'The status of the reason ie completed, in progress, etc',
  PRIMARY KEY (`id`),
  KEY `fk_form_id` (`form_id`),
  KEY `fk_list_options_id` (`interpretation_list_id`, `interpretation_option_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Detailed information of each vital_forms observation column';

-- table form_vitals_calculation
-- hisops:stmt 23 948 ["table:form_vitals_calculation"]
CREATE TABLE `form_vitals_calculation` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `encounter` bigint(20) DEFAULT NULL COMMENT 'fk to form_encounter.id',
  `pid` bigint(20) NOT NULL COMMENT 'fk to patient_data.pid',
  `date_start` datetime DEFAULT NULL,
  `date_end` datetime DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `created_by` bigint(20) DEFAULT NULL,
  `updated_by` bigint(20) DEFAULT NULL,
  `calculation_id` varchar(64) DEFAULT NULL COMMENT 'application identifier representing calculation e.g., bp-MeanLast5, bp-Mean3Day, bp-MeanEncounter',
  PRIMARY KEY (`id`),
  KEY `idx_calculation_id` (`calculation_id`),
  KEY `idx_encounter` (`encounter`),
  KEY `idx_pid` (`pid`),
  UNIQUE KEY `unq_uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Main calculation records - one per logical calculation (e.g., average BP)';

-- table form_vitals_calculation_components
-- hisops:stmt 24 940 ["table:form_vitals_calculation_components"]
CREATE TABLE `form_vitals_calculation_components` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `fvc_uuid` binary(16) NOT NULL COMMENT 'fk to form_vitals_calculation.uuid',
  `vitals_column` varchar(64) NOT NULL COMMENT 'Component type: bps, bpd, pulse, etc.',
  `value` decimal(12,6) DEFAULT NULL COMMENT 'Calculated numeric component value',
  `value_string` varchar(255) DEFAULT NULL COMMENT 'Calculated non-numeric component value',
  `value_unit` varchar(16) DEFAULT NULL COMMENT 'Unit for this component value',
  `component_order` int(11) NOT NULL DEFAULT 0 COMMENT 'Display order for components',
  PRIMARY KEY (`id`),
  KEY `idx_component_order` (`fvc_uuid`, `component_order`),
  KEY `idx_vitals_column` (`vitals_column`),
  UNIQUE KEY `unq_fvc_component` (`fvc_uuid`, `vitals_column`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Component values for calculations (e.g., systolic=120, diastolic=80)';

-- table form_vitals_calculation_form_vitals
-- hisops:stmt 25 480 ["table:form_vitals_calculation_form_vitals"]
CREATE TABLE `form_vitals_calculation_form_vitals` (
  `fvc_uuid` binary(16) NOT NULL COMMENT 'fk to form_vitals_calculation.uuid',
  `vitals_id` bigint(20) NOT NULL COMMENT 'fk to form_vitals.id',
  PRIMARY KEY (`fvc_uuid`, `vitals_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Join table between form_vitals_calculation and form_vitals table representing the derivative observation relationship between the calculation and the source records';

-- table gacl_acl
-- hisops:stmt 26 530 ["table:gacl_acl"]
CREATE TABLE `gacl_acl` (
  `id` int(11) NOT NULL DEFAULT 0,
  `section_value` varchar(150) NOT NULL DEFAULT 'system',
  `allow` int(11) NOT NULL DEFAULT 0,
  `enabled` int(11) NOT NULL DEFAULT 0,
  `return_value` text DEFAULT NULL,
  `note` text DEFAULT NULL,
  `updated_date` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_enabled_acl` (`enabled`),
  KEY `gacl_section_value_acl` (`section_value`),
  KEY `gacl_updated_date_acl` (`updated_date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_acl_sections
-- hisops:stmt 27 401 ["table:gacl_acl_sections"]
CREATE TABLE `gacl_acl_sections` (
  `id` int(11) NOT NULL DEFAULT 0,
  `value` varchar(150) NOT NULL,
  `order_value` int(11) NOT NULL DEFAULT 0,
  `name` varchar(230) NOT NULL,
  `hidden` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_hidden_acl_sections` (`hidden`),
  UNIQUE KEY `gacl_value_acl_sections` (`value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_acl_seq
-- hisops:stmt 28 121 ["table:gacl_acl_seq"]
CREATE TABLE `gacl_acl_seq` (
  `id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aco
-- hisops:stmt 29 458 ["table:gacl_aco"]
CREATE TABLE `gacl_aco` (
  `id` int(11) NOT NULL DEFAULT 0,
  `section_value` varchar(150) NOT NULL DEFAULT '0',
  `value` varchar(150) NOT NULL,
  `order_value` int(11) NOT NULL DEFAULT 0,
  `name` varchar(255) NOT NULL,
  `hidden` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_hidden_aco` (`hidden`),
  UNIQUE KEY `gacl_section_value_value_aco` (`section_value`, `value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aco_map
-- hisops:stmt 30 273 ["table:gacl_aco_map"]
CREATE TABLE `gacl_aco_map` (
  `acl_id` int(11) NOT NULL DEFAULT 0,
  `section_value` varchar(150) NOT NULL DEFAULT '0',
  `value` varchar(150) NOT NULL,
  PRIMARY KEY (`acl_id`, `section_value`, `value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aco_sections
-- hisops:stmt 31 401 ["table:gacl_aco_sections"]
CREATE TABLE `gacl_aco_sections` (
  `id` int(11) NOT NULL DEFAULT 0,
  `value` varchar(150) NOT NULL,
  `order_value` int(11) NOT NULL DEFAULT 0,
  `name` varchar(230) NOT NULL,
  `hidden` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_hidden_aco_sections` (`hidden`),
  UNIQUE KEY `gacl_value_aco_sections` (`value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aco_sections_seq
-- hisops:stmt 32 130 ["table:gacl_aco_sections_seq"]
CREATE TABLE `gacl_aco_sections_seq` (
  `id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aco_seq
-- hisops:stmt 33 121 ["table:gacl_aco_seq"]
CREATE TABLE `gacl_aco_seq` (
  `id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro
-- hisops:stmt 34 458 ["table:gacl_aro"]
CREATE TABLE `gacl_aro` (
  `id` int(11) NOT NULL DEFAULT 0,
  `section_value` varchar(150) NOT NULL DEFAULT '0',
  `value` varchar(150) NOT NULL,
  `order_value` int(11) NOT NULL DEFAULT 0,
  `name` varchar(255) NOT NULL,
  `hidden` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_hidden_aro` (`hidden`),
  UNIQUE KEY `gacl_section_value_value_aro` (`section_value`, `value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro_groups
-- hisops:stmt 35 489 ["table:gacl_aro_groups"]
CREATE TABLE `gacl_aro_groups` (
  `id` int(11) NOT NULL DEFAULT 0,
  `parent_id` int(11) NOT NULL DEFAULT 0,
  `lft` int(11) NOT NULL DEFAULT 0,
  `rgt` int(11) NOT NULL DEFAULT 0,
  `name` varchar(255) NOT NULL,
  `value` varchar(150) NOT NULL,
  PRIMARY KEY (`id`, `value`),
  KEY `gacl_lft_rgt_aro_groups` (`lft`, `rgt`),
  KEY `gacl_parent_id_aro_groups` (`parent_id`),
  UNIQUE KEY `gacl_value_aro_groups` (`value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro_groups_id_seq
-- hisops:stmt 36 131 ["table:gacl_aro_groups_id_seq"]
CREATE TABLE `gacl_aro_groups_id_seq` (
  `id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro_groups_map
-- hisops:stmt 37 221 ["table:gacl_aro_groups_map"]
CREATE TABLE `gacl_aro_groups_map` (
  `acl_id` int(11) NOT NULL DEFAULT 0,
  `group_id` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`acl_id`, `group_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro_map
-- hisops:stmt 38 273 ["table:gacl_aro_map"]
CREATE TABLE `gacl_aro_map` (
  `acl_id` int(11) NOT NULL DEFAULT 0,
  `section_value` varchar(150) NOT NULL DEFAULT '0',
  `value` varchar(150) NOT NULL,
  PRIMARY KEY (`acl_id`, `section_value`, `value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro_sections
-- hisops:stmt 39 401 ["table:gacl_aro_sections"]
CREATE TABLE `gacl_aro_sections` (
  `id` int(11) NOT NULL DEFAULT 0,
  `value` varchar(150) NOT NULL,
  `order_value` int(11) NOT NULL DEFAULT 0,
  `name` varchar(230) NOT NULL,
  `hidden` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_hidden_aro_sections` (`hidden`),
  UNIQUE KEY `gacl_value_aro_sections` (`value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro_sections_seq
-- hisops:stmt 40 130 ["table:gacl_aro_sections_seq"]
CREATE TABLE `gacl_aro_sections_seq` (
  `id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_aro_seq
-- hisops:stmt 41 121 ["table:gacl_aro_seq"]
CREATE TABLE `gacl_aro_seq` (
  `id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_axo
-- hisops:stmt 42 458 ["table:gacl_axo"]
CREATE TABLE `gacl_axo` (
  `id` int(11) NOT NULL DEFAULT 0,
  `section_value` varchar(150) NOT NULL DEFAULT '0',
  `value` varchar(150) NOT NULL,
  `order_value` int(11) NOT NULL DEFAULT 0,
  `name` varchar(255) NOT NULL,
  `hidden` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_hidden_axo` (`hidden`),
  UNIQUE KEY `gacl_section_value_value_axo` (`section_value`, `value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_axo_groups
-- hisops:stmt 43 489 ["table:gacl_axo_groups"]
CREATE TABLE `gacl_axo_groups` (
  `id` int(11) NOT NULL DEFAULT 0,
  `parent_id` int(11) NOT NULL DEFAULT 0,
  `lft` int(11) NOT NULL DEFAULT 0,
  `rgt` int(11) NOT NULL DEFAULT 0,
  `name` varchar(255) NOT NULL,
  `value` varchar(150) NOT NULL,
  PRIMARY KEY (`id`, `value`),
  KEY `gacl_lft_rgt_axo_groups` (`lft`, `rgt`),
  KEY `gacl_parent_id_axo_groups` (`parent_id`),
  UNIQUE KEY `gacl_value_axo_groups` (`value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_axo_groups_map
-- hisops:stmt 44 221 ["table:gacl_axo_groups_map"]
CREATE TABLE `gacl_axo_groups_map` (
  `acl_id` int(11) NOT NULL DEFAULT 0,
  `group_id` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`acl_id`, `group_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_axo_map
-- hisops:stmt 45 273 ["table:gacl_axo_map"]
CREATE TABLE `gacl_axo_map` (
  `acl_id` int(11) NOT NULL DEFAULT 0,
  `section_value` varchar(150) NOT NULL DEFAULT '0',
  `value` varchar(150) NOT NULL,
  PRIMARY KEY (`acl_id`, `section_value`, `value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_axo_sections
-- hisops:stmt 46 401 ["table:gacl_axo_sections"]
CREATE TABLE `gacl_axo_sections` (
  `id` int(11) NOT NULL DEFAULT 0,
  `value` varchar(150) NOT NULL,
  `order_value` int(11) NOT NULL DEFAULT 0,
  `name` varchar(230) NOT NULL,
  `hidden` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `gacl_hidden_axo_sections` (`hidden`),
  UNIQUE KEY `gacl_value_axo_sections` (`value`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_groups_aro_map
-- hisops:stmt 47 253 ["table:gacl_groups_aro_map"]
CREATE TABLE `gacl_groups_aro_map` (
  `group_id` int(11) NOT NULL DEFAULT 0,
  `aro_id` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`group_id`, `aro_id`),
  KEY `gacl_aro_id` (`aro_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_groups_axo_map
-- hisops:stmt 48 253 ["table:gacl_groups_axo_map"]
CREATE TABLE `gacl_groups_axo_map` (
  `group_id` int(11) NOT NULL DEFAULT 0,
  `axo_id` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`group_id`, `axo_id`),
  KEY `gacl_axo_id` (`axo_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table gacl_phpgacl
-- hisops:stmt 49 185 ["table:gacl_phpgacl"]
CREATE TABLE `gacl_phpgacl` (
  `name` varchar(230) NOT NULL,
  `value` varchar(150) NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table insurance_type_codes
-- hisops:stmt 50 215 ["table:insurance_type_codes"]
CREATE TABLE `insurance_type_codes` (
  `id` int(2) NOT NULL,
  `type` varchar(60) NOT NULL,
  `claim_type` text DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table ip_tracking
-- hisops:stmt 51 530 ["table:ip_tracking"]
CREATE TABLE `ip_tracking` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `ip_string` varchar(255) DEFAULT '',
  `total_ip_login_fail_counter` bigint(20) DEFAULT 0,
  `ip_login_fail_counter` bigint(20) DEFAULT 0,
  `ip_last_login_fail` datetime DEFAULT NULL,
  `ip_auto_block_emailed` tinyint(4) DEFAULT 0,
  `ip_force_block` tinyint(4) DEFAULT 0,
  `ip_no_prevent_timing_attack` tinyint(4) DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `ip_string` (`ip_string`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table jwt_grant_history
-- hisops:stmt 52 591 ["table:jwt_grant_history"]
CREATE TABLE `jwt_grant_history` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `jti` varchar(100) NOT NULL COMMENT 'Unique JWT id',
  `client_id` varchar(80) NOT NULL COMMENT 'FK oauth2_clients.client_id',
  `jti_exp` timestamp NULL DEFAULT NULL COMMENT 'jwt exp claim when the jwt expires',
  `creation_date` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'datetime the grant authorization was requested',
  PRIMARY KEY (`id`),
  KEY `jti` (`jti`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Holds JWT authorization grant ids to prevent replay attacks';

-- table lists_medication
-- hisops:stmt 53 2030 ["table:lists_medication"]
CREATE TABLE `lists_medication` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `list_id` bigint(20) DEFAULT NULL COMMENT 'FK Reference to lists.id',
  `drug_dosage_instructions` longtext DEFAULT NULL COMMENT 'Free text dosage instructions for taking the drug',
  `usage_category` varchar(100) DEFAULT NULL COMMENT 'option_id in list_options.list_id=medication-usage-category',
  `usage_category_title` varchar(255) NOT NULL COMMENT 'title in list_options.list_id=medication-usage-category',
  `request_intent` varchar(100) DEFAULT NULL COMMENT 'option_id in list_options.list_id=medication-request-intent',
  `request_intent_title` varchar(255) NOT NULL COMMENT 'title in list_options.list_id=medication-request-intent',
  `medication_adherence_information_source` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id where list_id=medication_adherence_information_source to indicate who provided the medication adherence information',
  `medication_adherence` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id where list_id=medication_adherence to indicate if patient is complying with medication regimen',
  `medication_adherence_date_asserted` datetime DEFAULT NULL COMMENT 'Date when the medication adherence information was asserted',
  `prescription_id` bigint(20) DEFAULT NULL COMMENT 'fk to prescriptions.prescription_id to link medication to prescription record',
  `is_primary_record` tinyint(1) DEFAULT 1 COMMENT 'Indicates if this medication is a primary record(1) or a reported record(0)',
  `reporting_source_record_id` bigint(20) DEFAULT NULL COMMENT 'If this is a reported record, this is the fk to the users.id column for the address book user that the medication was reported by',
  PRIMARY KEY (`id`),
  KEY `lists_medication_list_idx` (`list_id`),
  KEY `lists_med_request_intent_idx` (`request_intent`),
  KEY `lists_med_usage_category_idx` (`usage_category`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Holds additional data about patient medications.';

-- table migrations
-- hisops:stmt 54 243 ["table:migrations"]
CREATE TABLE `migrations` (
  `version` varchar(191) NOT NULL,
  `executed_at` datetime DEFAULT NULL,
  `execution_duration_ms` int(11) DEFAULT NULL,
  PRIMARY KEY (`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table oauth_clients
-- hisops:stmt 55 1190 ["table:oauth_clients"]
CREATE TABLE `oauth_clients` (
  `client_id` varchar(80) NOT NULL,
  `client_role` varchar(20) DEFAULT NULL,
  `client_name` varchar(80) NOT NULL,
  `client_secret` text DEFAULT NULL,
  `registration_token` varchar(80) DEFAULT NULL,
  `registration_uri_path` varchar(40) DEFAULT NULL,
  `register_date` datetime DEFAULT NULL,
  `revoke_date` datetime DEFAULT NULL,
  `contacts` text DEFAULT NULL,
  `redirect_uri` text DEFAULT NULL,
  `grant_types` varchar(80) DEFAULT NULL,
  `scope` text DEFAULT NULL,
  `user_id` varchar(40) DEFAULT NULL,
  `site_id` varchar(64) DEFAULT NULL,
  `is_confidential` tinyint(1) NOT NULL DEFAULT 1,
  `logout_redirect_uris` text DEFAULT NULL,
  `jwks_uri` text DEFAULT NULL,
  `jwks` text DEFAULT NULL,
  `initiate_login_uri` text DEFAULT NULL,
  `endorsements` text DEFAULT NULL,
  `policy_uri` text DEFAULT NULL,
  `tos_uri` text DEFAULT NULL,
  `is_enabled` tinyint(1) NOT NULL DEFAULT 0,
  `skip_ehr_launch_authorization_flow` tinyint(1) NOT NULL DEFAULT 0,
  `dsi_type` tinyint(3) unsigned NOT NULL DEFAULT 1 COMMENT '0=none, 1=evidence-based,2=predictive',
  PRIMARY KEY (`client_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table oauth_trusted_user
-- hisops:stmt 56 525 ["table:oauth_trusted_user"]
CREATE TABLE `oauth_trusted_user` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `user_id` varchar(80) DEFAULT NULL,
  `client_id` varchar(80) DEFAULT NULL,
  `scope` text DEFAULT NULL,
  `persist_login` tinyint(1) DEFAULT 0,
  `time` timestamp NULL DEFAULT NULL,
  `code` text DEFAULT NULL,
  `session_cache` text DEFAULT NULL,
  `grant_type` varchar(32) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `accounts_id` (`user_id`),
  KEY `clients_id` (`client_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table onetime_auth
-- hisops:stmt 57 947 ["table:onetime_auth"]
CREATE TABLE `onetime_auth` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `pid` bigint(20) DEFAULT NULL,
  `create_user_id` bigint(20) DEFAULT NULL,
  `context` varchar(64) DEFAULT NULL,
  `access_count` int(11) NOT NULL DEFAULT 0,
  `remote_ip` varchar(32) DEFAULT NULL,
  `onetime_pin` varchar(10) DEFAULT NULL COMMENT 'Max 10 numeric. Default 6',
  `onetime_token` tinytext DEFAULT NULL,
  `redirect_url` tinytext DEFAULT NULL,
  `expires` int(11) DEFAULT NULL,
  `date_created` datetime DEFAULT current_timestamp(),
  `last_accessed` datetime DEFAULT NULL,
  `scope` tinytext DEFAULT NULL COMMENT 'context scope for this token',
  `profile` tinytext DEFAULT NULL COMMENT 'profile of scope for this token',
  `onetime_actions` text DEFAULT NULL COMMENT 'JSON array of actions that can be performed with this token',
  PRIMARY KEY (`id`),
  KEY `pid` (`pid`, `onetime_token`(32))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_care_experience_preferences
-- hisops:stmt 58 1130 ["table:patient_care_experience_preferences"]
CREATE TABLE `patient_care_experience_preferences` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `patient_id` int(11) NOT NULL,
  `observation_code` varchar(50) NOT NULL COMMENT 'LOINC code',
  `observation_code_text` varchar(255) DEFAULT NULL,
  `value_type` enum('coded','text','boolean') DEFAULT 'coded',
  `value_code` varchar(50) DEFAULT NULL COMMENT 'fk to preference_value_sets.answer_code',
  `value_code_system` varchar(255) DEFAULT NULL COMMENT 'fk to preference_value_sets.answer_system',
  `value_display` varchar(255) DEFAULT NULL COMMENT 'fk to preference_value_sets.answer_display',
  `value_text` text DEFAULT NULL,
  `value_boolean` tinyint(1) DEFAULT NULL,
  `effective_datetime` datetime NOT NULL DEFAULT current_timestamp(),
  `status` varchar(20) DEFAULT 'final' COMMENT 'valid options are final,amended,preliminary',
  `note` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `observation_code` (`observation_code`),
  KEY `patient_id` (`patient_id`),
  KEY `status` (`status`),
  UNIQUE KEY `unq_uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_history
-- hisops:stmt 59 830 ["table:patient_history"]
CREATE TABLE `patient_history` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `date` datetime NOT NULL DEFAULT current_timestamp(),
  `care_team_provider` text DEFAULT NULL,
  `care_team_facility` text DEFAULT NULL,
  `pid` bigint(20) NOT NULL,
  `history_type_key` varchar(36) DEFAULT NULL,
  `previous_name_prefix` text DEFAULT NULL,
  `previous_name_first` text DEFAULT NULL,
  `previous_name_middle` text DEFAULT NULL,
  `previous_name_last` text DEFAULT NULL,
  `previous_name_suffix` text DEFAULT NULL,
  `previous_name_enddate` date DEFAULT NULL,
  `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that first created this record',
  PRIMARY KEY (`id`),
  KEY `pid_idx` (`pid`),
  UNIQUE KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_settings
-- hisops:stmt 60 296 ["table:patient_settings"]
CREATE TABLE `patient_settings` (
  `setting_patient` bigint(20) NOT NULL DEFAULT 0,
  `setting_label` varchar(100) NOT NULL,
  `setting_value` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`setting_patient`, `setting_label`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_treatment_intervention_preferences
-- hisops:stmt 61 1170 ["table:patient_treatment_intervention_preferences"]
CREATE TABLE `patient_treatment_intervention_preferences` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `patient_id` int(11) NOT NULL COMMENT 'fk to patient_data.pid',
  `observation_code` varchar(50) NOT NULL COMMENT 'LOINC code',
  `observation_code_text` varchar(255) DEFAULT NULL,
  `value_type` enum('coded','text','boolean') DEFAULT 'coded',
  `value_code` varchar(50) DEFAULT NULL COMMENT 'fk to preference_value_sets.answer_code',
  `value_code_system` varchar(255) DEFAULT NULL COMMENT 'fk to preference_value_sets.answer_system',
  `value_display` varchar(255) DEFAULT NULL COMMENT 'fk to preference_value_sets.answer_display',
  `value_text` text DEFAULT NULL,
  `value_boolean` tinyint(1) DEFAULT NULL,
  `effective_datetime` datetime NOT NULL DEFAULT current_timestamp(),
  `status` varchar(20) DEFAULT 'final' COMMENT 'valid options are final,amended,preliminary',
  `note` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `observation_code` (`observation_code`),
  KEY `patient_id` (`patient_id`),
  KEY `status` (`status`),
  UNIQUE KEY `unq_uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table payment_processing_audit
-- hisops:stmt 62 891 ["table:payment_processing_audit"]
CREATE TABLE `payment_processing_audit` (
  `uuid` binary(16) NOT NULL DEFAULT X'00000000000000000000000000000000',
  `service` varchar(50) DEFAULT NULL,
  `pid` bigint(20) NOT NULL,
  `success` tinyint(4) DEFAULT 0,
  `action_name` varchar(50) DEFAULT NULL,
  `amount` varchar(20) DEFAULT NULL,
  `ticket` varchar(100) DEFAULT NULL,
  `transaction_id` varchar(100) DEFAULT NULL,
  `audit_data` text DEFAULT NULL,
  `date` datetime DEFAULT NULL,
  `map_uuid` binary(16) DEFAULT NULL,
  `map_transaction_id` varchar(100) DEFAULT NULL,
  `reverted` tinyint(4) DEFAULT 0,
  `revert_action_name` varchar(50) DEFAULT NULL,
  `revert_transaction_id` varchar(100) DEFAULT NULL,
  `revert_audit_data` text DEFAULT NULL,
  `revert_date` datetime DEFAULT NULL,
  PRIMARY KEY (`uuid`),
  KEY `pid` (`pid`),
  KEY `success` (`success`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table person
-- hisops:stmt 63 1678 ["table:person"]
CREATE TABLE `person` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `title` varchar(31) DEFAULT NULL COMMENT 'Mr., Mrs., Dr., etc.',
  `first_name` varchar(63) DEFAULT NULL,
  `middle_name` varchar(63) DEFAULT NULL,
  `last_name` varchar(63) DEFAULT NULL,
  `preferred_name` varchar(63) DEFAULT NULL COMMENT 'Name person prefers to be called',
  `gender` varchar(31) DEFAULT NULL,
  `birth_date` date DEFAULT NULL,
  `death_date` date DEFAULT NULL,
  `marital_status` varchar(31) DEFAULT NULL,
  `race` varchar(63) DEFAULT NULL,
  `ethnicity` varchar(63) DEFAULT NULL,
  `preferred_language` varchar(63) DEFAULT NULL COMMENT 'ISO 639-1 code',
  `communication` varchar(254) DEFAULT NULL COMMENT 'Communication preferences/needs',
  `ssn` varchar(31) DEFAULT NULL COMMENT 'Should be encrypted in application',
  `active` tinyint(1) DEFAULT 1 COMMENT '1=active, 0=inactive',
  `inactive_reason` varchar(255) DEFAULT NULL,
  `inactive_date` datetime DEFAULT NULL,
  `notes` text DEFAULT NULL,
  `created_date` datetime NOT NULL DEFAULT current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  `updated_date` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `updated_by` bigint(20) DEFAULT NULL COMMENT 'users.id',
  PRIMARY KEY (`id`),
  KEY `idx_person_active` (`active`),
  KEY `idx_person_dob` (`birth_date`),
  KEY `idx_person_name` (`last_name`, `first_name`),
  KEY `idx_person_search` (`last_name`, `first_name`, `birth_date`),
  UNIQUE KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Core person demographics - contact info in contact_telecom';

-- table person_patient_link
-- hisops:stmt 64 1136 ["table:person_patient_link"]
CREATE TABLE `person_patient_link` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `person_id` bigint(20) NOT NULL COMMENT 'FK to person.id',
  `patient_id` bigint(20) NOT NULL COMMENT 'FK to patient_data.id',
  `linked_date` datetime NOT NULL DEFAULT current_timestamp() COMMENT 'When the link was created',
  `linked_by` bigint(20) DEFAULT NULL COMMENT 'FK to users.id - who created the link',
  `link_method` varchar(50) DEFAULT 'manual' COMMENT 'How link was created: manual, auto_detected, migrated, import',
  `notes` text DEFAULT NULL COMMENT 'Optional notes about why/how they were linked',
  `active` tinyint(1) NOT NULL DEFAULT 1 COMMENT 'Whether link is active (allows soft delete)',
  PRIMARY KEY (`id`),
  KEY `idx_ppl_active` (`active`),
  KEY `idx_ppl_linked_date` (`linked_date`),
  KEY `idx_ppl_method` (`link_method`),
  KEY `idx_ppl_patient` (`patient_id`),
  KEY `idx_ppl_person` (`person_id`),
  UNIQUE KEY `unique_active_link` (`person_id`, `patient_id`, `active`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Links person records to patient_data records when person becomes patient';

-- table preference_value_sets
-- hisops:stmt 65 513 ["table:preference_value_sets"]
CREATE TABLE `preference_value_sets` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `loinc_code` varchar(50) NOT NULL,
  `answer_code` varchar(100) NOT NULL,
  `answer_system` varchar(255) NOT NULL,
  `answer_display` varchar(255) NOT NULL,
  `answer_definition` text DEFAULT NULL,
  `sort_order` int(11) DEFAULT 0,
  `active` tinyint(1) DEFAULT 1,
  PRIMARY KEY (`id`),
  KEY `loinc_code` (`loinc_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Answer lists for preference codes';

-- table pro_assessments
-- hisops:stmt 66 1172 ["table:pro_assessments"]
CREATE TABLE `pro_assessments` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `form_oid` varchar(255) NOT NULL COMMENT 'unique id for specific instrument, pulled from assessment center API',
  `form_name` varchar(255) NOT NULL COMMENT 'pulled from assessment center API',
  `user_id` int(11) NOT NULL COMMENT 'ID for user that orders the form',
  `deadline` datetime NOT NULL COMMENT 'deadline to complete the form, will be used when sending notification and reminders',
  `patient_id` int(11) NOT NULL COMMENT 'ID for patient to order the form for',
  `assessment_oid` varchar(255) NOT NULL COMMENT 'unique id for this specific assessment, pulled from assessment center API',
  `status` varchar(255) NOT NULL COMMENT 'ordered or completed',
  `score` double NOT NULL COMMENT 'T-Score for the assessment',
  `error` double NOT NULL COMMENT 'Standard error for the score',
  `created_at` datetime NOT NULL COMMENT 'timestamp recording the creation time of this assessment',
  `updated_at` datetime NOT NULL COMMENT 'this field indicates the completion time when the status is completed',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table procedure_order_relationships
-- hisops:stmt 67 869 ["table:procedure_order_relationships"]
CREATE TABLE `procedure_order_relationships` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `procedure_order_id` bigint(20) NOT NULL COMMENT 'Links to procedure_order.procedure_order_id',
  `resource_type` varchar(50) NOT NULL COMMENT 'FHIR resource type (Observation, Condition, etc.)',
  `resource_uuid` binary(16) NOT NULL COMMENT 'UUID of the related resource',
  `relationship` varchar(50) DEFAULT NULL COMMENT 'Type of relationship',
  `created_at` timestamp NULL DEFAULT current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL COMMENT 'User who created this link',
  PRIMARY KEY (`id`),
  KEY `idx_created_at` (`created_at`),
  KEY `idx_order_id` (`procedure_order_id`),
  KEY `idx_resource` (`resource_type`, `resource_uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Links ServiceRequests to supporting clinical information';

-- table procedure_specimen
-- hisops:stmt 68 1935 ["table:procedure_specimen"]
CREATE TABLE `procedure_specimen` (
  `procedure_specimen_id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'record id',
  `uuid` binary(16) DEFAULT NULL COMMENT 'FHIR Specimen id',
  `procedure_order_id` bigint(20) NOT NULL COMMENT 'links to procedure_order.procedure_order_id',
  `procedure_order_seq` int(11) NOT NULL COMMENT 'links to procedure_order_code.procedure_order_seq (per test line)',
  `specimen_identifier` varchar(128) DEFAULT NULL COMMENT 'tube/barcode/internal id',
  `accession_identifier` varchar(128) DEFAULT NULL COMMENT 'lab accession number',
  `specimen_type_code` varchar(64) DEFAULT NULL COMMENT 'prefer SNOMED CT code',
  `specimen_type` varchar(255) DEFAULT NULL COMMENT 'display/text',
  `collection_method_code` varchar(64) DEFAULT NULL,
  `collection_method` varchar(255) DEFAULT NULL,
  `specimen_location_code` varchar(64) DEFAULT NULL,
  `specimen_location` varchar(255) DEFAULT NULL,
  `collected_date` datetime DEFAULT NULL COMMENT 'single instant',
  `collection_date_low` datetime DEFAULT NULL COMMENT 'period start',
  `collection_date_high` datetime DEFAULT NULL COMMENT 'period end',
  `volume_value` decimal(10,3) DEFAULT NULL,
  `volume_unit` varchar(32) DEFAULT 'mL',
  `condition_code` varchar(32) DEFAULT NULL COMMENT 'HL7 v2 0493 (e.g., ACT, HEM)',
  `specimen_condition` varchar(64) DEFAULT NULL,
  `comments` text DEFAULT NULL,
  `created_at` datetime DEFAULT current_timestamp(),
  `updated_at` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `created_by` bigint(20) DEFAULT NULL,
  `updated_by` bigint(20) DEFAULT NULL,
  `deleted` tinyint(1) DEFAULT 0,
  PRIMARY KEY (`procedure_specimen_id`),
  KEY `idx_accession` (`accession_identifier`),
  KEY `idx_identifier` (`specimen_identifier`),
  KEY `idx_order_line` (`procedure_order_id`, `procedure_order_seq`),
  UNIQUE KEY `uuid_unique` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table questionnaire_repository
-- hisops:stmt 69 1006 ["table:questionnaire_repository"]
CREATE TABLE `questionnaire_repository` (
  `id` bigint(21) unsigned NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `questionnaire_id` varchar(255) DEFAULT NULL,
  `provider` int(11) unsigned DEFAULT NULL,
  `version` int(11) NOT NULL DEFAULT 1,
  `created_date` datetime DEFAULT current_timestamp(),
  `modified_date` datetime DEFAULT current_timestamp(),
  `name` varchar(255) DEFAULT NULL,
  `type` varchar(63) NOT NULL DEFAULT 'Questionnaire',
  `profile` varchar(255) DEFAULT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `status` varchar(31) DEFAULT NULL,
  `source_url` text DEFAULT NULL,
  `code` varchar(255) DEFAULT NULL,
  `code_display` text DEFAULT NULL,
  `questionnaire` longtext DEFAULT NULL,
  `lform` longtext DEFAULT NULL,
  `category` varchar(64) DEFAULT NULL COMMENT 'Used for grouping and organizing ',
  PRIMARY KEY (`id`),
  KEY `search` (`name`, `questionnaire_id`),
  UNIQUE KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table questionnaire_response
-- hisops:stmt 70 1659 ["table:questionnaire_response"]
CREATE TABLE `questionnaire_response` (
  `id` bigint(21) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) DEFAULT NULL,
  `response_id` varchar(255) DEFAULT NULL COMMENT 'A globally unique id for answer set. String version of UUID',
  `questionnaire_foreign_id` bigint(21) DEFAULT NULL COMMENT 'questionnaire_repository id for subject questionnaire',
  `questionnaire_id` varchar(255) DEFAULT NULL COMMENT 'Id for questionnaire content. String version of UUID',
  `questionnaire_name` varchar(255) DEFAULT NULL,
  `patient_id` int(11) DEFAULT NULL,
  `encounter` int(11) DEFAULT NULL COMMENT 'May or may not be associated with an encounter',
  `audit_user_id` int(11) DEFAULT NULL,
  `creator_user_id` int(11) DEFAULT NULL COMMENT 'user id if answers are provider',
  `create_time` datetime DEFAULT current_timestamp(),
  `last_updated` datetime DEFAULT NULL,
  `version` int(11) NOT NULL DEFAULT 1,
  `status` varchar(63) DEFAULT NULL COMMENT 'form current status. completed,active,incomplete',
  `questionnaire` longtext DEFAULT NULL COMMENT 'the subject questionnaire json',
  `questionnaire_response` longtext DEFAULT NULL COMMENT 'questionnaire response json',
  `form_response` longtext DEFAULT NULL COMMENT 'lform answers array json',
  `form_score` int(11) DEFAULT NULL COMMENT 'Arithmetic scoring of questionnaires',
  `tscore` double DEFAULT NULL COMMENT 'T-Score',
  `error` double DEFAULT NULL COMMENT 'Standard error for the T-Score',
  PRIMARY KEY (`id`),
  KEY `response_index` (`response_id`, `patient_id`, `questionnaire_id`, `questionnaire_name`),
  UNIQUE KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table recent_patients
-- hisops:stmt 71 192 ["table:recent_patients"]
CREATE TABLE `recent_patients` (
  `user_id` varchar(40) NOT NULL,
  `patients` text DEFAULT NULL,
  PRIMARY KEY (`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table session_tracker
-- hisops:stmt 72 325 ["table:session_tracker"]
CREATE TABLE `session_tracker` (
  `uuid` binary(16) NOT NULL DEFAULT X'00000000000000000000000000000000',
  `created` timestamp NULL DEFAULT NULL,
  `last_updated` timestamp NULL DEFAULT NULL,
  `number_scripts` bigint(20) DEFAULT 1,
  PRIMARY KEY (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table track_events
-- hisops:stmt 73 571 ["table:track_events"]
CREATE TABLE `track_events` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `event_type` text DEFAULT NULL,
  `event_label` varchar(255) DEFAULT NULL,
  `event_url` text DEFAULT NULL,
  `event_target` text DEFAULT NULL,
  `first_event` datetime DEFAULT NULL,
  `last_event` datetime DEFAULT NULL,
  `label_count` int(10) unsigned NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  UNIQUE KEY `unique_event_label_target` (`event_label`, `event_url`(255), `event_target`(255))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Telemetry Event Data';

-- table uuid_mapping
-- hisops:stmt 74 609 ["table:uuid_mapping"]
CREATE TABLE `uuid_mapping` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `uuid` binary(16) NOT NULL DEFAULT X'00000000000000000000000000000000',
  `resource` varchar(255) NOT NULL DEFAULT '',
  `resource_path` varchar(255) DEFAULT NULL,
  `table` varchar(255) NOT NULL DEFAULT '',
  `target_uuid` binary(16) NOT NULL DEFAULT X'00000000000000000000000000000000',
  `created` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `resource` (`resource`),
  KEY `table` (`table`),
  KEY `target_uuid` (`target_uuid`),
  KEY `uuid` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table uuid_registry
-- hisops:stmt 75 523 ["table:uuid_registry"]
CREATE TABLE `uuid_registry` (
  `uuid` binary(16) NOT NULL DEFAULT X'00000000000000000000000000000000',
  `table_name` varchar(255) NOT NULL DEFAULT '',
  `table_id` varchar(255) NOT NULL DEFAULT '',
  `table_vertical` varchar(255) NOT NULL DEFAULT '',
  `couchdb` varchar(255) NOT NULL DEFAULT '',
  `document_drive` tinyint(4) NOT NULL DEFAULT 0,
  `mapped` tinyint(4) NOT NULL DEFAULT 0,
  `created` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table valueset_oid
-- hisops:stmt 76 460 ["table:valueset_oid"]
CREATE TABLE `valueset_oid` (
  `nqf_code` varchar(255) NOT NULL DEFAULT '',
  `code` varchar(255) NOT NULL DEFAULT '',
  `code_system` varchar(255) NOT NULL DEFAULT '',
  `code_type` varchar(255) DEFAULT NULL,
  `valueset` varchar(255) NOT NULL DEFAULT '',
  `description` varchar(255) DEFAULT NULL,
  `valueset_name` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`nqf_code`, `code`, `valueset`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table verify_email
-- hisops:stmt 77 535 ["table:verify_email"]
CREATE TABLE `verify_email` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `pid_holder` bigint(20) DEFAULT NULL,
  `email` varchar(255) DEFAULT NULL,
  `language` varchar(100) DEFAULT NULL,
  `fname` varchar(255) DEFAULT NULL,
  `mname` varchar(255) DEFAULT NULL,
  `lname` varchar(255) DEFAULT NULL,
  `dob` date DEFAULT NULL,
  `token_onetime` varchar(255) DEFAULT NULL,
  `active` tinyint(4) NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  UNIQUE KEY `email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table x12_remote_tracker
-- hisops:stmt 78 416 ["table:x12_remote_tracker"]
CREATE TABLE `x12_remote_tracker` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `x12_partner_id` int(11) NOT NULL,
  `x12_filename` varchar(255) NOT NULL,
  `status` varchar(255) NOT NULL,
  `claims` text DEFAULT NULL,
  `messages` text DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- column addresses.district
-- hisops:stmt 79 141 ["table:addresses"]
ALTER TABLE `addresses`
  ADD COLUMN `district` varchar(255) DEFAULT NULL COMMENT 'The county or district of the address' AFTER `foreign_id`;

-- column amendments.created_time (nullable, default)
-- hisops:stmt 80 107 ["table:amendments"]
ALTER TABLE `amendments`
  MODIFY COLUMN `created_time` timestamp NULL DEFAULT NULL COMMENT 'created time';

-- column amendments_history.created_time (nullable, default)
-- hisops:stmt 81 115 ["table:amendments_history"]
ALTER TABLE `amendments_history`
  MODIFY COLUMN `created_time` timestamp NULL DEFAULT NULL COMMENT 'created time';

-- column api_token.user_id (type, nullable); column api_token.client_id; column api_token.scope; column api_token.revoked; column api_token.context
-- hisops:stmt 82 438 ["table:api_token"]
ALTER TABLE `api_token`
  MODIFY COLUMN `user_id` bigint(20),
  ADD COLUMN `client_id` varchar(80) DEFAULT NULL AFTER `expiry`,
  ADD COLUMN `scope` text DEFAULT NULL COMMENT 'json encoded' AFTER `client_id`,
  ADD COLUMN `revoked` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1=revoked,0=not revoked' AFTER `scope`,
  ADD COLUMN `context` text DEFAULT NULL COMMENT 'context values that change/govern how access token are used' AFTER `revoked`;

-- column ar_activity.deleted; column ar_activity.post_date; column ar_activity.payer_claim_number
-- hisops:stmt 83 329 ["table:ar_activity"]
ALTER TABLE `ar_activity`
  ADD COLUMN `deleted` datetime DEFAULT NULL COMMENT 'NULL if active, otherwise when voided' AFTER `reason_code`,
  ADD COLUMN `post_date` date DEFAULT NULL COMMENT 'Posting date if specified at payment time' AFTER `deleted`,
  ADD COLUMN `payer_claim_number` varchar(30) DEFAULT NULL AFTER `post_date`;

-- column audit_details.field_value (type); index audit_details.audit_master_id
-- hisops:stmt 84 170 ["table:audit_details"]
ALTER TABLE `audit_details`
  MODIFY COLUMN `field_value` longtext DEFAULT NULL COMMENT 'openemr table''s field value',
  ADD INDEX `audit_master_id` (`audit_master_id`);

-- column audit_master.is_qrda_document; column audit_master.is_unstructured_document
-- hisops:stmt 85 180 ["table:audit_master"]
ALTER TABLE `audit_master`
  ADD COLUMN `is_qrda_document` tinyint(1) DEFAULT 0 AFTER `type`,
  ADD COLUMN `is_unstructured_document` tinyint(1) DEFAULT 0 AFTER `is_qrda_document`;

-- column background_services.lock_expires_at
-- hisops:stmt 86 363 ["table:background_services"]
ALTER TABLE `background_services`
  ADD COLUMN `lock_expires_at` datetime DEFAULT NULL COMMENT 'Lease expiration. Compared with NOW() on acquire, so the stored value uses whatever session timezone is in effect (OpenEMR syncs it to gbl_time_zone). Set on acquire, cleared on release. Expired leases are automatically stolen by the next worker.' AFTER `sort_order`;

-- column batchcom.msg_date_sent (nullable, default)
-- hisops:stmt 87 77 ["table:batchcom"]
ALTER TABLE `batchcom`
  MODIFY COLUMN `msg_date_sent` datetime DEFAULT NULL;

-- column billing.chargecat
-- hisops:stmt 88 129 ["table:billing"]
ALTER TABLE `billing`
  ADD COLUMN `chargecat` varchar(31) DEFAULT '' COMMENT 'Charge category or customer' AFTER `revenue_code`;

-- column categories.codes
-- hisops:stmt 89 159 ["table:categories"]
ALTER TABLE `categories`
  ADD COLUMN `codes` varchar(255) NOT NULL DEFAULT '' COMMENT 'Category codes for documents stored in this category' AFTER `aco_spec`;

-- column ccda.uuid; column ccda.ccda_data (type); column ccda.hash; column ccda.encrypted; column ccda.transaction_id; index ccda.uuid
-- hisops:stmt 90 445 ["table:ccda"]
ALTER TABLE `ccda`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  MODIFY COLUMN `ccda_data` longtext DEFAULT NULL,
  ADD COLUMN `hash` varchar(255) DEFAULT NULL AFTER `couch_revid`,
  ADD COLUMN `encrypted` tinyint(4) NOT NULL DEFAULT 0 COMMENT '0->No,1->Yes' AFTER `emr_transfer`,
  ADD COLUMN `transaction_id` bigint(20) DEFAULT NULL COMMENT 'fk to transaction referral record' AFTER `encrypted`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column clinical_rules.amc_2015_flag; column clinical_rules.amc_code (comment); column clinical_rules.amc_code_2014 (comment); column clinical_rules.amc_code_2015; column clinical_rules.bibliographic_citation; column clinical_rules.linked_referential_cds; column clinical_rules.patient_dob_usage; c…
-- hisops:stmt 91 2288 ["table:clinical_rules"]
ALTER TABLE `clinical_rules`
  ADD COLUMN `amc_2015_flag` tinyint(1) DEFAULT NULL COMMENT '2015 Automated Measure Calculation flag for (unable to customize per patient)' AFTER `amc_2014_flag`,
  MODIFY COLUMN `amc_code` varchar(10) NOT NULL DEFAULT '' COMMENT 'Automated Measure Calculation identifier (MU rule)',
  MODIFY COLUMN `amc_code_2014` varchar(30) NOT NULL DEFAULT '' COMMENT 'Automated Measure Calculation 2014 identifier (MU rule)',
  ADD COLUMN `amc_code_2015` varchar(30) NOT NULL DEFAULT '' COMMENT 'Automated Measure Calculation 2014 identifier (MU rule)' AFTER `amc_code_2014`,
  ADD COLUMN `bibliographic_citation` varchar(255) NOT NULL DEFAULT '' AFTER `patient_reminder_flag`,
  ADD COLUMN `linked_referential_cds` varchar(50) NOT NULL DEFAULT '' AFTER `web_reference`,
  ADD COLUMN `patient_dob_usage` text DEFAULT NULL COMMENT 'Description of how patient DOB is used by this rule' AFTER `access_control`,
  ADD COLUMN `patient_ethnicity_usage` text DEFAULT NULL COMMENT 'Description of how patient ethnicity is used by this rule' AFTER `patient_dob_usage`,
  ADD COLUMN `patient_health_status_usage` text DEFAULT NULL COMMENT 'Description of how patient health status assessments are used by this rule' AFTER `patient_ethnicity_usage`,
  ADD COLUMN `patient_gender_identity_usage` text DEFAULT NULL COMMENT 'Description of how patient gender identity information is used by this rule' AFTER `patient_health_status_usage`,
  ADD COLUMN `patient_language_usage` text DEFAULT NULL COMMENT 'Description of how patient language information is used by this rule' AFTER `patient_gender_identity_usage`,
  ADD COLUMN `patient_race_usage` text DEFAULT NULL COMMENT 'Description of how patient race information is used by this rule' AFTER `patient_language_usage`,
  ADD COLUMN `patient_sex_usage` text DEFAULT NULL COMMENT 'Description of how patient birth sex information is used by this rule' AFTER `patient_race_usage`,
  ADD COLUMN `patient_sexual_orientation_usage` text DEFAULT NULL COMMENT 'Description of how patient sexual orientation is used by this rule' AFTER `patient_sex_usage`,
  ADD COLUMN `patient_sodh_usage` text DEFAULT NULL COMMENT 'Description of how patient social determinants of health are used by this rule' AFTER `patient_sexual_orientation_usage`;

-- column clinical_rules_log.facility_id
-- hisops:stmt 92 157 ["table:clinical_rules_log"]
ALTER TABLE `clinical_rules_log`
  ADD COLUMN `facility_id` int(11) DEFAULT 0 COMMENT 'facility where the rule was executed, 0 if unknown' AFTER `new_value`;

-- column codes.code_text (type, nullable, default); column codes.code_text_short (type, nullable, default)
-- hisops:stmt 93 119 ["table:codes"]
ALTER TABLE `codes`
  MODIFY COLUMN `code_text` text DEFAULT NULL,
  MODIFY COLUMN `code_text_short` text DEFAULT NULL;

-- column codes_history.code_text (type); column codes_history.code_text_short (type)
-- hisops:stmt 94 127 ["table:codes_history"]
ALTER TABLE `codes_history`
  MODIFY COLUMN `code_text` text DEFAULT NULL,
  MODIFY COLUMN `code_text_short` text DEFAULT NULL;

-- column documents.uuid; column documents.date_expires; column documents.hash (type, comment); column documents.name; column documents.drive_uuid; column documents.document_data; column documents.deleted; column documents.foreign_reference_id; column documents.foreign_reference_table; index documen…
-- hisops:stmt 95 808 ["table:documents"]
ALTER TABLE `documents`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  ADD COLUMN `date_expires` datetime DEFAULT NULL AFTER `date`,
  MODIFY COLUMN `hash` varchar(255) DEFAULT NULL,
  ADD COLUMN `name` varchar(255) DEFAULT NULL AFTER `list_id`,
  ADD COLUMN `drive_uuid` binary(16) DEFAULT NULL AFTER `name`,
  ADD COLUMN `document_data` mediumtext DEFAULT NULL AFTER `encrypted`,
  ADD COLUMN `deleted` tinyint(1) NOT NULL DEFAULT 0 AFTER `document_data`,
  ADD COLUMN `foreign_reference_id` bigint(20) DEFAULT NULL AFTER `deleted`,
  ADD COLUMN `foreign_reference_table` varchar(40) DEFAULT NULL AFTER `foreign_reference_id`,
  ADD UNIQUE INDEX `drive_uuid` (`drive_uuid`),
  ADD INDEX `foreign_reference` (`foreign_reference_id`, `foreign_reference_table`),
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column drug_inventory.last_notify (nullable, default)
-- hisops:stmt 96 77 ["table:drug_inventory"]
ALTER TABLE `drug_inventory`
  MODIFY COLUMN `last_notify` date DEFAULT NULL;

-- column drug_sales.uuid; column drug_sales.trans_type; column drug_sales.chargecat; column drug_sales.pharmacy_supply_type; column drug_sales.last_updated; column drug_sales.date_created; column drug_sales.updated_by; column drug_sales.created_by; index drug_sales.uuid
-- hisops:stmt 97 1116 ["table:drug_sales"]
ALTER TABLE `drug_sales`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL COMMENT 'UUID for this drug sales record, for data exchange purposes' FIRST,
  ADD COLUMN `trans_type` tinyint(4) NOT NULL DEFAULT 1 COMMENT '1=sale, 2=purchase, 3=return, 4=transfer, 5=adjustment' AFTER `selector`,
  ADD COLUMN `chargecat` varchar(31) DEFAULT '' AFTER `trans_type`,
  ADD COLUMN `pharmacy_supply_type` varchar(50) DEFAULT NULL COMMENT 'fk to list_options.option_id where list_id=pharmacy_supply_type to indicate type of dispensing first order, refil, emergency, partial order, etc' AFTER `chargecat`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `pharmacy_supply_type`,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `last_updated`,
  ADD COLUMN `updated_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id for user that last updated this entry' AFTER `date_created`,
  ADD COLUMN `created_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id for user that created this entry' AFTER `updated_by`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column drug_templates.pkgqty
-- hisops:stmt 98 145 ["table:drug_templates"]
ALTER TABLE `drug_templates`
  ADD COLUMN `pkgqty` float NOT NULL DEFAULT 1 COMMENT 'Number of product items per template item' AFTER `taxrates`;

-- column drugs.uuid; column drugs.last_notify (nullable, default); column drugs.date_created; column drugs.last_updated; index drugs.uuid
-- hisops:stmt 99 386 ["table:drugs"]
ALTER TABLE `drugs`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `drug_id`,
  MODIFY COLUMN `last_notify` date DEFAULT NULL,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `dispensable`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `date_created`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column employer_data.uuid; column employer_data.street_line_2; column employer_data.start_date; column employer_data.end_date; column employer_data.occupation; column employer_data.industry; column employer_data.created_by; index employer_data.uuid_unique
-- hisops:stmt 100 913 ["table:employer_data"]
ALTER TABLE `employer_data`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL COMMENT 'UUID for this employer record, for data exchange purposes' AFTER `id`,
  ADD COLUMN `street_line_2` tinytext DEFAULT NULL AFTER `street`,
  ADD COLUMN `start_date` datetime DEFAULT NULL COMMENT 'Employment start date for patient' AFTER `pid`,
  ADD COLUMN `end_date` datetime DEFAULT NULL COMMENT 'Employment end date for patient' AFTER `start_date`,
  ADD COLUMN `occupation` longtext DEFAULT NULL COMMENT 'Employment Occupation fk to list_options.option_id where list_id=OccupationODH' AFTER `end_date`,
  ADD COLUMN `industry` text DEFAULT NULL COMMENT 'Employment Industry fk to list_options.option_id where list_id=IndustryODH' AFTER `occupation`,
  ADD COLUMN `created_by` int(11) DEFAULT NULL COMMENT 'fk to users.id for the user that entered in the employer data' AFTER `industry`,
  ADD UNIQUE INDEX `uuid_unique` (`uuid`);

-- index external_procedures.ep_pid
-- hisops:stmt 101 66 ["table:external_procedures"]
ALTER TABLE `external_procedures`
  ADD INDEX `ep_pid` (`ep_pid`);

-- column facility.uuid; column facility.billing_location (default); column facility.accepts_assignment (default); column facility.primary_business_entity (default); column facility.iban; column facility.info; column facility.weno_id; column facility.inactive; column facility.date_created; column fa…
-- hisops:stmt 102 1008 ["table:facility"]
ALTER TABLE `facility`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  MODIFY COLUMN `billing_location` tinyint(1) NOT NULL DEFAULT 1,
  MODIFY COLUMN `accepts_assignment` tinyint(1) NOT NULL DEFAULT 1,
  MODIFY COLUMN `primary_business_entity` int(10) NOT NULL DEFAULT 1 COMMENT '0-Not Set as business entity 1-Set as business entity',
  ADD COLUMN `iban` varchar(50) DEFAULT NULL AFTER `oid`,
  ADD COLUMN `info` text DEFAULT NULL AFTER `iban`,
  ADD COLUMN `weno_id` varchar(10) DEFAULT NULL AFTER `info`,
  ADD COLUMN `inactive` tinyint(1) NOT NULL DEFAULT 0 AFTER `weno_id`,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `inactive`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `date_created`,
  ADD COLUMN `organization_type` varchar(50) NOT NULL DEFAULT 'prov' COMMENT 'Organization type as defined by HL7 Value Set: OrganizationType' AFTER `last_updated`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column facility_user_ids.uuid; column facility_user_ids.date_created; column facility_user_ids.last_updated; index facility_user_ids.uuid
-- hisops:stmt 103 346 ["table:facility_user_ids"]
ALTER TABLE `facility_user_ids`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `facility_id`,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `field_value`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `date_created`,
  ADD INDEX `uuid` (`uuid`);

-- column form_care_plan.note_related_to; column form_care_plan.date_end; column form_care_plan.reason_code; column form_care_plan.reason_description; column form_care_plan.reason_date_low; column form_care_plan.reason_date_high; column form_care_plan.reason_status; column form_care_plan.plan_status…
-- hisops:stmt 104 1003 ["table:form_care_plan"]
ALTER TABLE `form_care_plan`
  ADD COLUMN `note_related_to` text DEFAULT NULL AFTER `care_plan_type`,
  ADD COLUMN `date_end` datetime DEFAULT NULL AFTER `note_related_to`,
  ADD COLUMN `reason_code` varchar(31) DEFAULT NULL AFTER `date_end`,
  ADD COLUMN `reason_description` text DEFAULT NULL AFTER `reason_code`,
  ADD COLUMN `reason_date_low` datetime DEFAULT NULL COMMENT 'The date the reason was recorded' AFTER `reason_description`,
  ADD COLUMN `reason_date_high` datetime DEFAULT NULL COMMENT 'The date the explanation reason for the care plan entry value ends' AFTER `reason_date_low`,
  ADD COLUMN `reason_status` varchar(31) DEFAULT NULL AFTER `reason_date_high`,
  ADD COLUMN `plan_status` varchar(32) DEFAULT NULL COMMENT 'Care Plan status (e.g., draft, active, completed, etc)' AFTER `reason_status`,
  ADD COLUMN `proposed_date` datetime DEFAULT NULL COMMENT 'Target or Achieve-by date for the goal' AFTER `plan_status`,
  ADD INDEX `idx_status_date` (`plan_status`, `date`, `date_end`);

-- column form_encounter.uuid; column form_encounter.parent_encounter_id; column form_encounter.class_code; column form_encounter.shift; column form_encounter.voucher_number; column form_encounter.discharge_disposition; column form_encounter.encounter_type_code; column form_encounter.encounter_type_…
-- hisops:stmt 105 1329 ["table:form_encounter"]
ALTER TABLE `form_encounter`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  ADD COLUMN `parent_encounter_id` bigint(20) DEFAULT NULL AFTER `pos_code`,
  ADD COLUMN `class_code` varchar(10) NOT NULL DEFAULT 'AMB' AFTER `parent_encounter_id`,
  ADD COLUMN `shift` varchar(31) NOT NULL DEFAULT '' AFTER `class_code`,
  ADD COLUMN `voucher_number` varchar(255) NOT NULL DEFAULT '' COMMENT 'also called referral number' AFTER `shift`,
  ADD COLUMN `discharge_disposition` varchar(100) DEFAULT NULL AFTER `voucher_number`,
  ADD COLUMN `encounter_type_code` varchar(31) DEFAULT NULL COMMENT 'not all types are categories' AFTER `discharge_disposition`,
  ADD COLUMN `encounter_type_description` text DEFAULT NULL AFTER `encounter_type_code`,
  ADD COLUMN `referring_provider_id` int(11) DEFAULT 0 COMMENT 'referring provider, if any, for this visit' AFTER `encounter_type_description`,
  ADD COLUMN `date_end` datetime DEFAULT NULL AFTER `referring_provider_id`,
  ADD COLUMN `in_collection` tinyint(1) DEFAULT NULL AFTER `date_end`,
  ADD COLUMN `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `in_collection`,
  ADD COLUMN `ordering_provider_id` int(11) DEFAULT 0 COMMENT 'referring provider, if any, for this visit' AFTER `last_update`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column form_eye_antseg.OSCONJ (type)
-- hisops:stmt 106 73 ["table:form_eye_antseg"]
ALTER TABLE `form_eye_antseg`
  MODIFY COLUMN `OSCONJ` text DEFAULT NULL;

-- column form_eye_mag_prefs.ordering (type)
-- hisops:stmt 107 85 ["table:form_eye_mag_prefs"]
ALTER TABLE `form_eye_mag_prefs`
  MODIFY COLUMN `ordering` smallint(6) DEFAULT NULL;

-- column form_misc_billing_options.encounter; index form_misc_billing_options.encounter
-- hisops:stmt 108 160 ["table:form_misc_billing_options"]
ALTER TABLE `form_misc_billing_options`
  ADD COLUMN `encounter` bigint(20) DEFAULT NULL AFTER `box_15_date_qual`,
  ADD UNIQUE INDEX `encounter` (`encounter`);

-- column form_observation.uuid; column form_observation.form_id; column form_observation.ob_code; column form_observation.ob_type; column form_observation.ob_status; column form_observation.result_status; column form_observation.ob_reason_status; column form_observation.ob_reason_code; column form_…
-- hisops:stmt 109 1880 ["table:form_observation"]
ALTER TABLE `form_observation`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL COMMENT 'UUID for the observation, used as unique logical identifier' AFTER `id`,
  ADD COLUMN `form_id` bigint(20) NOT NULL COMMENT 'FK to forms.form_id' AFTER `uuid`,
  ADD COLUMN `ob_code` varchar(64) DEFAULT NULL AFTER `table_code`,
  ADD COLUMN `ob_type` varchar(64) DEFAULT NULL AFTER `ob_code`,
  ADD COLUMN `ob_status` varchar(32) DEFAULT NULL AFTER `ob_type`,
  ADD COLUMN `result_status` varchar(32) DEFAULT NULL AFTER `ob_status`,
  ADD COLUMN `ob_reason_status` varchar(32) DEFAULT NULL AFTER `result_status`,
  ADD COLUMN `ob_reason_code` varchar(64) DEFAULT NULL AFTER `ob_reason_status`,
  ADD COLUMN `ob_reason_text` text DEFAULT NULL AFTER `ob_reason_code`,
  ADD COLUMN `ob_documentationof_table` varchar(255) DEFAULT NULL AFTER `ob_reason_text`,
  ADD COLUMN `ob_documentationof_table_id` bigint(21) DEFAULT NULL AFTER `ob_documentationof_table`,
  ADD COLUMN `date_end` datetime DEFAULT NULL AFTER `ob_documentationof_table_id`,
  ADD COLUMN `parent_observation_id` bigint(20) DEFAULT NULL COMMENT 'FK to parent observation for sub-observations' AFTER `date_end`,
  ADD COLUMN `category` varchar(64) DEFAULT NULL COMMENT 'FK to list_options.option_id for observation category (SDOH, Functional, Cognitive, Physical, etc)' AFTER `parent_observation_id`,
  ADD COLUMN `questionnaire_response_id` bigint(21) DEFAULT NULL COMMENT 'FK to questionnaire_response table' AFTER `category`,
  ADD COLUMN `ob_value_code_description` varchar(255) DEFAULT NULL AFTER `questionnaire_response_id`,
  ADD INDEX `idx_category` (`category`),
  ADD INDEX `idx_date` (`date`),
  ADD INDEX `idx_form_id` (`form_id`),
  ADD INDEX `idx_parent_observation` (`parent_observation_id`),
  ADD INDEX `idx_pid_encounter` (`pid`, `encounter`),
  ADD INDEX `idx_questionnaire_response` (`questionnaire_response_id`);

-- column form_vitals.uuid; column form_vitals.oxygen_flow_rate; column form_vitals.ped_weight_height; column form_vitals.ped_bmi; column form_vitals.ped_head_circ; column form_vitals.inhaled_oxygen_concentration; column form_vitals.last_updated; index form_vitals.uuid
-- hisops:stmt 110 651 ["table:form_vitals"]
ALTER TABLE `form_vitals`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  ADD COLUMN `oxygen_flow_rate` decimal(12,6) DEFAULT 0 AFTER `oxygen_saturation`,
  ADD COLUMN `ped_weight_height` decimal(6,2) DEFAULT 0 AFTER `external_id`,
  ADD COLUMN `ped_bmi` decimal(6,2) DEFAULT 0 AFTER `ped_weight_height`,
  ADD COLUMN `ped_head_circ` decimal(6,2) DEFAULT 0 AFTER `ped_bmi`,
  ADD COLUMN `inhaled_oxygen_concentration` decimal(6,2) DEFAULT 0 AFTER `ped_head_circ`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `inhaled_oxygen_concentration`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column history_data.uuid; column history_data.created_by; index history_data.uuid
-- hisops:stmt 111 247 ["table:history_data"]
ALTER TABLE `history_data`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  ADD COLUMN `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that first created this record' AFTER `userarea12`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column icd10_dx_order_code.long_desc (type)
-- hisops:stmt 112 80 ["table:icd10_dx_order_code"]
ALTER TABLE `icd10_dx_order_code`
  MODIFY COLUMN `long_desc` text DEFAULT NULL;

-- column icd10_pcs_order_code.long_desc (type)
-- hisops:stmt 113 81 ["table:icd10_pcs_order_code"]
ALTER TABLE `icd10_pcs_order_code`
  MODIFY COLUMN `long_desc` text DEFAULT NULL;

-- column immunizations.uuid; column immunizations.cvx_code (type); column immunizations.reason_code; column immunizations.reason_description; column immunizations.encounter_id; index immunizations.uuid
-- hisops:stmt 114 659 ["table:immunizations"]
ALTER TABLE `immunizations`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  MODIFY COLUMN `cvx_code` varchar(64) DEFAULT NULL,
  ADD COLUMN `reason_code` varchar(31) DEFAULT NULL COMMENT 'Medical code explaining reason of the vital observation value in form codesystem:codetype;...;' AFTER `ordering_provider`,
  ADD COLUMN `reason_description` text DEFAULT NULL COMMENT 'Human readable text description of the reason_code column' AFTER `reason_code`,
  ADD COLUMN `encounter_id` bigint(20) DEFAULT NULL COMMENT 'fk to form_encounter.encounter to link immunization to encounter record' AFTER `reason_description`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column insurance_companies.uuid; column insurance_companies.ins_type_code (type); column insurance_companies.alt_cms_id (nullable, default); column insurance_companies.cqm_sop; column insurance_companies.date_created; column insurance_companies.last_updated; index insurance_companies.uuid
-- hisops:stmt 115 573 ["table:insurance_companies"]
ALTER TABLE `insurance_companies`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  MODIFY COLUMN `ins_type_code` int(11) DEFAULT NULL,
  MODIFY COLUMN `alt_cms_id` varchar(15) DEFAULT NULL,
  ADD COLUMN `cqm_sop` int(11) DEFAULT NULL COMMENT 'HL7 Source of Payment for eCQMs' AFTER `x12_default_eligibility_id`,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `cqm_sop`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `date_created`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column insurance_data.uuid; column insurance_data.date (nullable, default); column insurance_data.subscriber_street_line_2; column insurance_data.subscriber_employer_street_line_2; column insurance_data.date_end; index insurance_data.uuid
-- hisops:stmt 116 435 ["table:insurance_data"]
ALTER TABLE `insurance_data`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  MODIFY COLUMN `date` date DEFAULT NULL,
  ADD COLUMN `subscriber_street_line_2` tinytext DEFAULT NULL AFTER `policy_type`,
  ADD COLUMN `subscriber_employer_street_line_2` tinytext DEFAULT NULL AFTER `subscriber_street_line_2`,
  ADD COLUMN `date_end` date DEFAULT NULL AFTER `subscriber_employer_street_line_2`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column issue_encounter.uuid; column issue_encounter.created_by; column issue_encounter.updated_by; column issue_encounter.created_at; column issue_encounter.updated_at; index issue_encounter.uuid_unique
-- hisops:stmt 117 821 ["table:issue_encounter"]
ALTER TABLE `issue_encounter`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL COMMENT 'UUID for this issue encounter record, for data exchange purposes',
  ADD COLUMN `created_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id for the user that entered in the issue encounter data' AFTER `resolved`,
  ADD COLUMN `updated_by` bigint(20) DEFAULT NULL COMMENT 'fk to users.id for the user that last updated the issue encounter data' AFTER `created_by`,
  ADD COLUMN `created_at` datetime DEFAULT current_timestamp() COMMENT 'timestamp when this issue encounter record was created' AFTER `updated_by`,
  ADD COLUMN `updated_at` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'timestamp when this issue encounter record was last updated' AFTER `created_at`,
  ADD UNIQUE INDEX `uuid_unique` (`uuid`);

-- index lang_definitions.lang_cons
-- hisops:stmt 118 78 ["table:lang_definitions"]
ALTER TABLE `lang_definitions`
  ADD INDEX `lang_cons` (`lang_id`, `cons_id`);

-- column layout_group_properties.grp_save_close; column layout_group_properties.grp_init_open; column layout_group_properties.grp_referrals; column layout_group_properties.grp_unchecked; column layout_group_properties.grp_last_update
-- hisops:stmt 119 444 ["table:layout_group_properties"]
ALTER TABLE `layout_group_properties`
  ADD COLUMN `grp_save_close` tinyint(1) NOT NULL DEFAULT 0 AFTER `grp_aco_spec`,
  ADD COLUMN `grp_init_open` tinyint(1) NOT NULL DEFAULT 0 AFTER `grp_save_close`,
  ADD COLUMN `grp_referrals` tinyint(1) NOT NULL DEFAULT 0 AFTER `grp_init_open`,
  ADD COLUMN `grp_unchecked` tinyint(1) NOT NULL DEFAULT 0 AFTER `grp_referrals`,
  ADD COLUMN `grp_last_update` timestamp NULL DEFAULT NULL AFTER `grp_diags`;

-- column layout_options.title (type, nullable, default); column layout_options.codes
-- hisops:stmt 120 145 ["table:layout_options"]
ALTER TABLE `layout_options`
  MODIFY COLUMN `title` text DEFAULT NULL,
  ADD COLUMN `codes` varchar(255) NOT NULL DEFAULT '' AFTER `validation`;

-- column list_options.last_updated
-- hisops:stmt 121 149 ["table:list_options"]
ALTER TABLE `list_options`
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `timestamp`;

-- column lists.uuid; column lists.udi; column lists.udi_data; column lists.occurrence (comment); column lists.verification; index lists.uuid
-- hisops:stmt 122 493 ["table:lists"]
ALTER TABLE `lists`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  ADD COLUMN `udi` varchar(255) DEFAULT NULL AFTER `title`,
  ADD COLUMN `udi_data` text DEFAULT NULL AFTER `udi`,
  MODIFY COLUMN `occurrence` int(11) DEFAULT 0 COMMENT 'Reference to list_options option_id=''occurrence''',
  ADD COLUMN `verification` varchar(36) NOT NULL DEFAULT '' COMMENT 'Reference to list_options option_id = allergyintolerance-verification' AFTER `reaction`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- index log.patient_id
-- hisops:stmt 123 58 ["table:log"]
ALTER TABLE `log`
  ADD INDEX `patient_id` (`patient_id`);

-- column log_comment_encrypt.checksum_api
-- hisops:stmt 124 101 ["table:log_comment_encrypt"]
ALTER TABLE `log_comment_encrypt`
  ADD COLUMN `checksum_api` longtext DEFAULT NULL AFTER `checksum`;

-- column medex_recalls.r_created (default)
-- hisops:stmt 125 133 ["table:medex_recalls"]
ALTER TABLE `medex_recalls`
  MODIFY COLUMN `r_created` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp();

-- column module_configuration.created_by; column module_configuration.date_added; column module_configuration.updated_by; column module_configuration.date_modified; column module_configuration.date_created
-- hisops:stmt 126 662 ["table:module_configuration"]
ALTER TABLE `module_configuration`
  ADD COLUMN `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that first created this record' AFTER `field_value`,
  ADD COLUMN `date_added` datetime DEFAULT NULL COMMENT 'Datetime the record was initially created' AFTER `created_by`,
  ADD COLUMN `updated_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that last modified this record' AFTER `date_added`,
  ADD COLUMN `date_modified` datetime DEFAULT current_timestamp() COMMENT 'Datetime the record was last modified' AFTER `updated_by`,
  ADD COLUMN `date_created` datetime DEFAULT NULL COMMENT 'Datetime the record was created' AFTER `date_modified`;

-- column modules.mod_ui_name (type, default); column modules.sql_version; column modules.acl_version
-- hisops:stmt 127 217 ["table:modules"]
ALTER TABLE `modules`
  MODIFY COLUMN `mod_ui_name` varchar(64) NOT NULL DEFAULT '',
  ADD COLUMN `sql_version` varchar(150) NOT NULL AFTER `type`,
  ADD COLUMN `acl_version` varchar(150) NOT NULL AFTER `sql_version`;

-- column onsite_documents.patient_signed_time (nullable, default); column onsite_documents.review_date (nullable, default); column onsite_documents.template_data
-- hisops:stmt 128 214 ["table:onsite_documents"]
ALTER TABLE `onsite_documents`
  MODIFY COLUMN `patient_signed_time` datetime DEFAULT NULL,
  MODIFY COLUMN `review_date` datetime DEFAULT NULL,
  ADD COLUMN `template_data` longtext DEFAULT NULL AFTER `file_path`;

-- column onsite_signatures.sig_hash (type)
-- hisops:stmt 129 81 ["table:onsite_signatures"]
ALTER TABLE `onsite_signatures`
  MODIFY COLUMN `sig_hash` varchar(255) NOT NULL;

-- column openemr_postcalendar_categories.pc_last_updated
-- hisops:stmt 130 170 ["table:openemr_postcalendar_categories"]
ALTER TABLE `openemr_postcalendar_categories`
  ADD COLUMN `pc_last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `aco_spec`;

-- column openemr_postcalendar_events.pc_eventDate (default); column openemr_postcalendar_events.pc_endDate (nullable, default); column openemr_postcalendar_events.uuid; index openemr_postcalendar_events.uuid
-- hisops:stmt 131 232 ["table:openemr_postcalendar_events"]
ALTER TABLE `openemr_postcalendar_events`
  MODIFY COLUMN `pc_eventDate` date NOT NULL,
  MODIFY COLUMN `pc_endDate` date DEFAULT NULL,
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `pc_room`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column patient_access_onsite.portal_pwd (type); column patient_access_onsite.portal_login_username; column patient_access_onsite.portal_onetime; column patient_access_onsite.date_created
-- hisops:stmt 132 398 ["table:patient_access_onsite"]
ALTER TABLE `patient_access_onsite`
  MODIFY COLUMN `portal_pwd` varchar(255) DEFAULT NULL,
  ADD COLUMN `portal_login_username` varchar(100) DEFAULT NULL COMMENT 'User entered username' AFTER `portal_pwd_status`,
  ADD COLUMN `portal_onetime` varchar(255) DEFAULT NULL AFTER `portal_login_username`,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `portal_onetime`;

-- column patient_data.uuid; column patient_data.sex (comment); column patient_data.interpreter; column patient_data.interpreter_needed; column patient_data.ad_reviewed (type, comment); column patient_data.advance_directive_user_authenticator; column patient_data.care_team_provider; column patient_d…
-- hisops:stmt 133 2946 ["table:patient_data"]
ALTER TABLE `patient_data`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  MODIFY COLUMN `sex` varchar(255) NOT NULL DEFAULT '' COMMENT 'Sex at birth',
  ADD COLUMN `interpreter` varchar(255) NOT NULL DEFAULT '' COMMENT 'original field used for determining if patient needs an interpreter, now used for additional notes about need for interpreter' AFTER `religion`,
  ADD COLUMN `interpreter_needed` text DEFAULT NULL COMMENT 'fk to list_options.option_id where list_id=yes_no_unknown used to determine if patient needs an interpreter' AFTER `interpreter`,
  MODIFY COLUMN `ad_reviewed` date DEFAULT NULL COMMENT 'Date and time the advance care directive was reviewed and validated by the authenticator user.',
  ADD COLUMN `advance_directive_user_authenticator` bigint(20) DEFAULT NULL COMMENT 'fk to users.id of the user who authenticates that the advance care directive is valid.' AFTER `ad_reviewed`,
  ADD COLUMN `care_team_provider` text DEFAULT NULL AFTER `cmsportal_login`,
  ADD COLUMN `care_team_facility` text DEFAULT NULL AFTER `care_team_provider`,
  ADD COLUMN `care_team_status` text DEFAULT NULL AFTER `care_team_facility`,
  ADD COLUMN `sexual_orientation` text DEFAULT NULL AFTER `guardianemail`,
  ADD COLUMN `gender_identity` text DEFAULT NULL AFTER `sexual_orientation`,
  ADD COLUMN `birth_fname` text DEFAULT NULL AFTER `gender_identity`,
  ADD COLUMN `birth_lname` text DEFAULT NULL AFTER `birth_fname`,
  ADD COLUMN `birth_mname` text DEFAULT NULL AFTER `birth_lname`,
  ADD COLUMN `dupscore` int(11) NOT NULL DEFAULT -9 AFTER `birth_mname`,
  ADD COLUMN `name_history` tinytext DEFAULT NULL AFTER `dupscore`,
  ADD COLUMN `suffix` tinytext DEFAULT NULL AFTER `name_history`,
  ADD COLUMN `street_line_2` tinytext DEFAULT NULL AFTER `suffix`,
  ADD COLUMN `patient_groups` text DEFAULT NULL AFTER `street_line_2`,
  ADD COLUMN `prevent_portal_apps` text DEFAULT NULL AFTER `patient_groups`,
  ADD COLUMN `provider_since_date` tinytext DEFAULT NULL AFTER `prevent_portal_apps`,
  ADD COLUMN `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that first created this record' AFTER `provider_since_date`,
  ADD COLUMN `updated_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that last modified this record' AFTER `created_by`,
  ADD COLUMN `preferred_name` tinytext DEFAULT NULL AFTER `updated_by`,
  ADD COLUMN `nationality_country` tinytext DEFAULT NULL AFTER `preferred_name`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `nationality_country`,
  ADD COLUMN `tribal_affiliations` text DEFAULT NULL AFTER `last_updated`,
  ADD COLUMN `sex_identified` text DEFAULT NULL COMMENT 'Patient reported current sex' AFTER `tribal_affiliations`,
  ADD COLUMN `pronoun` text DEFAULT NULL AFTER `sex_identified`,
  ADD INDEX `idx_patient_dob` (`DOB`),
  ADD INDEX `idx_patient_name` (`lname`, `fname`),
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column prescriptions.uuid; column prescriptions.date_added (type, comment); column prescriptions.date_modified (type, comment); column prescriptions.route (type, comment); column prescriptions.usage_category; column prescriptions.usage_category_title; column prescriptions.request_intent; column p…
-- hisops:stmt 134 1553 ["table:prescriptions"]
ALTER TABLE `prescriptions`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  MODIFY COLUMN `date_added` date DEFAULT NULL COMMENT 'Datetime the prescriptions was initially created',
  MODIFY COLUMN `date_modified` date DEFAULT NULL COMMENT 'Datetime the prescriptions was last modified',
  MODIFY COLUMN `route` int(11) DEFAULT NULL COMMENT 'Max size 100 characters is same max as immunizations',
  ADD COLUMN `usage_category` varchar(100) DEFAULT NULL COMMENT 'option_id in list_options.list_id=medication-usage-category' AFTER `txDate`,
  ADD COLUMN `usage_category_title` varchar(255) NOT NULL COMMENT 'title in list_options.list_id=medication-usage-category' AFTER `usage_category`,
  ADD COLUMN `request_intent` varchar(100) DEFAULT NULL COMMENT 'option_id in list_options.list_id=medication-request-intent' AFTER `usage_category_title`,
  ADD COLUMN `request_intent_title` varchar(255) NOT NULL COMMENT 'title in list_options.list_id=medication-request-intent' AFTER `request_intent`,
  ADD COLUMN `drug_dosage_instructions` longtext DEFAULT NULL COMMENT 'Medication dosage instructions' AFTER `request_intent_title`,
  ADD COLUMN `diagnosis` text DEFAULT NULL COMMENT 'Diagnosis or reason for the prescription' AFTER `drug_dosage_instructions`,
  ADD COLUMN `created_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that first created this record' AFTER `diagnosis`,
  ADD COLUMN `updated_by` bigint(20) DEFAULT NULL COMMENT 'users.id the user that last modified this record' AFTER `created_by`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column procedure_answers.procedure_code
-- hisops:stmt 135 102 ["table:procedure_answers"]
ALTER TABLE `procedure_answers`
  ADD COLUMN `procedure_code` varchar(31) DEFAULT NULL AFTER `answer`;

-- column procedure_order.uuid; column procedure_order.billing_type; column procedure_order.specimen_fasting; column procedure_order.order_psc; column procedure_order.order_abn; column procedure_order.collector_id; column procedure_order.account; column procedure_order.account_facility; column proce…
-- hisops:stmt 136 1920 ["table:procedure_order"]
ALTER TABLE `procedure_order`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `procedure_order_id`,
  ADD COLUMN `billing_type` varchar(4) DEFAULT NULL AFTER `order_diagnosis`,
  ADD COLUMN `specimen_fasting` varchar(31) DEFAULT NULL AFTER `billing_type`,
  ADD COLUMN `order_psc` tinyint(4) DEFAULT NULL AFTER `specimen_fasting`,
  ADD COLUMN `order_abn` varchar(31) NOT NULL DEFAULT 'not_required' AFTER `order_psc`,
  ADD COLUMN `collector_id` bigint(11) NOT NULL DEFAULT 0 AFTER `order_abn`,
  ADD COLUMN `account` varchar(60) DEFAULT NULL AFTER `collector_id`,
  ADD COLUMN `account_facility` int(11) DEFAULT NULL AFTER `account`,
  ADD COLUMN `provider_number` varchar(30) DEFAULT NULL AFTER `account_facility`,
  ADD COLUMN `procedure_order_type` varchar(32) NOT NULL DEFAULT 'laboratory_test' AFTER `provider_number`,
  ADD COLUMN `scheduled_date` datetime DEFAULT NULL COMMENT 'Scheduled date for service (FHIR occurrence[x])' AFTER `procedure_order_type`,
  ADD COLUMN `scheduled_start` datetime DEFAULT NULL COMMENT 'Scheduled start time (FHIR occurrencePeriod.start)' AFTER `scheduled_date`,
  ADD COLUMN `scheduled_end` datetime DEFAULT NULL COMMENT 'Scheduled end time (FHIR occurrencePeriod.end)' AFTER `scheduled_start`,
  ADD COLUMN `performer_type` varchar(50) DEFAULT NULL COMMENT 'Type of performer: laboratory, radiology, pathology (SNOMED CT)' AFTER `scheduled_end`,
  ADD COLUMN `order_intent` varchar(31) NOT NULL DEFAULT 'order' COMMENT 'FHIR intent: order, plan, directive, proposal' AFTER `performer_type`,
  ADD COLUMN `location_id` int(11) DEFAULT NULL COMMENT 'References facility.id for service location (FHIR locationReference)' AFTER `order_intent`,
  ADD INDEX `idx_location_id` (`location_id`),
  ADD INDEX `idx_order_intent` (`order_intent`),
  ADD INDEX `idx_scheduled_date` (`scheduled_date`),
  ADD INDEX `idx_specimen_type` (`specimen_type`),
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column procedure_order_code.procedure_code (type); column procedure_order_code.procedure_type; column procedure_order_code.transport; column procedure_order_code.date_end; column procedure_order_code.reason_code; column procedure_order_code.reason_description; column procedure_order_code.reason_d…
-- hisops:stmt 137 753 ["table:procedure_order_code"]
ALTER TABLE `procedure_order_code`
  MODIFY COLUMN `procedure_code` varchar(64) NOT NULL DEFAULT '' COMMENT 'like procedure_type.procedure_code',
  ADD COLUMN `procedure_type` varchar(31) DEFAULT NULL AFTER `procedure_order_title`,
  ADD COLUMN `transport` varchar(31) DEFAULT NULL AFTER `procedure_type`,
  ADD COLUMN `date_end` datetime DEFAULT NULL AFTER `transport`,
  ADD COLUMN `reason_code` varchar(31) DEFAULT NULL AFTER `date_end`,
  ADD COLUMN `reason_description` text DEFAULT NULL AFTER `reason_code`,
  ADD COLUMN `reason_date_low` datetime DEFAULT NULL AFTER `reason_description`,
  ADD COLUMN `reason_date_high` datetime DEFAULT NULL AFTER `reason_date_low`,
  ADD COLUMN `reason_status` varchar(31) DEFAULT NULL AFTER `reason_date_high`;

-- column procedure_providers.uuid; column procedure_providers.active; column procedure_providers.type; column procedure_providers.date_created; column procedure_providers.last_updated; index procedure_providers.uuid
-- hisops:stmt 138 476 ["table:procedure_providers"]
ALTER TABLE `procedure_providers`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `ppid`,
  ADD COLUMN `active` tinyint(1) NOT NULL DEFAULT 1 AFTER `lab_director`,
  ADD COLUMN `type` varchar(31) DEFAULT NULL AFTER `active`,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `type`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `date_created`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column procedure_report.uuid; index procedure_report.uuid
-- hisops:stmt 139 139 ["table:procedure_report"]
ALTER TABLE `procedure_report`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `procedure_report_id`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column procedure_result.uuid; column procedure_result.date_end; index procedure_result.uuid
-- hisops:stmt 140 264 ["table:procedure_result"]
ALTER TABLE `procedure_result`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `procedure_result_id`,
  ADD COLUMN `date_end` datetime DEFAULT NULL COMMENT 'lab-provided end date specific to this result' AFTER `result_status`,
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column procedure_type.procedure_code (type); column procedure_type.transport; column procedure_type.procedure_type_name; index procedure_type.ptype_procedure_code
-- hisops:stmt 141 335 ["table:procedure_type"]
ALTER TABLE `procedure_type`
  MODIFY COLUMN `procedure_code` varchar(64) NOT NULL DEFAULT '' COMMENT 'code identifying this procedure',
  ADD COLUMN `transport` varchar(31) DEFAULT NULL AFTER `notes`,
  ADD COLUMN `procedure_type_name` varchar(64) DEFAULT NULL AFTER `transport`,
  ADD INDEX `ptype_procedure_code` (`procedure_code`);

-- column product_registration.auth_by_id; column product_registration.telemetry_disabled; column product_registration.last_ask_date; column product_registration.last_ask_version; column product_registration.options
-- hisops:stmt 142 500 ["table:product_registration"]
ALTER TABLE `product_registration`
  ADD COLUMN `auth_by_id` int(11) DEFAULT NULL AFTER `opt_out`,
  ADD COLUMN `telemetry_disabled` tinyint(1) DEFAULT NULL COMMENT '1 opted out, disabled. NULL ask. 0 use option scopes' AFTER `auth_by_id`,
  ADD COLUMN `last_ask_date` datetime DEFAULT NULL AFTER `telemetry_disabled`,
  ADD COLUMN `last_ask_version` tinytext DEFAULT NULL AFTER `last_ask_date`,
  ADD COLUMN `options` text DEFAULT NULL COMMENT 'JSON array of scope options' AFTER `last_ask_version`;

-- column registry.form_foreign_id
-- hisops:stmt 143 169 ["table:registry"]
ALTER TABLE `registry`
  ADD COLUMN `form_foreign_id` bigint(21) DEFAULT NULL COMMENT 'An id to a form repository. Primarily questionnaire_repository.' AFTER `aco_spec`;

-- column report_itemized.rule_id; column report_itemized.item_details
-- hisops:stmt 144 258 ["table:report_itemized"]
ALTER TABLE `report_itemized`
  ADD COLUMN `rule_id` varchar(31) DEFAULT NULL COMMENT 'fk to clinical_rules.rule_id' AFTER `pid`,
  ADD COLUMN `item_details` text DEFAULT NULL COMMENT 'JSON with specific sub item results for a clinical rule' AFTER `rule_id`;

-- column rule_filter.required_flag (comment)
-- hisops:stmt 145 130 ["table:rule_filter"]
ALTER TABLE `rule_filter`
  MODIFY COLUMN `required_flag` tinyint(1) NOT NULL DEFAULT 0 COMMENT '0 is optional and 1 is required';

-- column users.uuid; column users.google_signin_email; column users.country_code; column users.country_code2; column users.portal_user; column users.supervisor_id; column users.billing_facility; column users.billing_facility_id; column users.date_created; column users.last_updated; index users.aboo…
-- hisops:stmt 146 1178 ["table:users"]
ALTER TABLE `users`
  ADD COLUMN `uuid` binary(16) DEFAULT NULL AFTER `id`,
  ADD COLUMN `google_signin_email` varchar(255) DEFAULT NULL AFTER `email_direct`,
  ADD COLUMN `country_code` varchar(255) DEFAULT NULL COMMENT 'ISO 3166-1 alpha-2 country code for address but can take entire country name for now' AFTER `zip`,
  ADD COLUMN `country_code2` varchar(255) DEFAULT NULL COMMENT 'ISO 3166-1 alpha-2 country code for address but can take entire country name for now' AFTER `zip2`,
  ADD COLUMN `portal_user` tinyint(1) NOT NULL DEFAULT 0 AFTER `patient_menu_role`,
  ADD COLUMN `supervisor_id` int(11) NOT NULL DEFAULT 0 AFTER `portal_user`,
  ADD COLUMN `billing_facility` text DEFAULT NULL AFTER `supervisor_id`,
  ADD COLUMN `billing_facility_id` int(11) NOT NULL DEFAULT 0 AFTER `billing_facility`,
  ADD COLUMN `date_created` datetime NOT NULL DEFAULT current_timestamp() AFTER `billing_facility_id`,
  ADD COLUMN `last_updated` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `date_created`,
  ADD INDEX `abook_type` (`abook_type`),
  ADD UNIQUE INDEX `google_signin_email` (`google_signin_email`),
  ADD UNIQUE INDEX `uuid` (`uuid`);

-- column users_facility.warehouse_id
-- hisops:stmt 147 109 ["table:users_facility"]
ALTER TABLE `users_facility`
  ADD COLUMN `warehouse_id` varchar(31) NOT NULL DEFAULT '' AFTER `facility_id`;

-- column users_secure.last_update_password; column users_secure.password_history3; column users_secure.password_history4; column users_secure.total_login_fail_counter; column users_secure.last_login_fail; column users_secure.auto_block_emailed
-- hisops:stmt 148 521 ["table:users_secure"]
ALTER TABLE `users_secure`
  ADD COLUMN `last_update_password` datetime DEFAULT NULL AFTER `password`,
  ADD COLUMN `password_history3` varchar(255) DEFAULT NULL AFTER `password_history2`,
  ADD COLUMN `password_history4` varchar(255) DEFAULT NULL AFTER `password_history3`,
  ADD COLUMN `total_login_fail_counter` bigint(20) DEFAULT 0 AFTER `login_work_area`,
  ADD COLUMN `last_login_fail` datetime DEFAULT NULL AFTER `login_fail_counter`,
  ADD COLUMN `auto_block_emailed` tinyint(4) DEFAULT 0 AFTER `last_login_fail`;

-- column voids.reason; column voids.notes
-- hisops:stmt 149 145 ["table:voids"]
ALTER TABLE `voids`
  ADD COLUMN `reason` varchar(31) DEFAULT '' AFTER `other_info`,
  ADD COLUMN `notes` varchar(255) DEFAULT '' AFTER `reason`;

-- column x12_partners.x12_gs03; column x12_partners.x12_submitter_id; column x12_partners.x12_submitter_name; column x12_partners.x12_sftp_login; column x12_partners.x12_sftp_pass; column x12_partners.x12_sftp_host; column x12_partners.x12_sftp_port; column x12_partners.x12_sftp_local_dir; column x…
-- hisops:stmt 150 1276 ["table:x12_partners"]
ALTER TABLE `x12_partners`
  ADD COLUMN `x12_gs03` varchar(15) DEFAULT NULL AFTER `x12_dtp03`,
  ADD COLUMN `x12_submitter_id` smallint(6) DEFAULT NULL AFTER `x12_gs03`,
  ADD COLUMN `x12_submitter_name` varchar(255) DEFAULT NULL AFTER `x12_submitter_id`,
  ADD COLUMN `x12_sftp_login` varchar(255) DEFAULT NULL AFTER `x12_submitter_name`,
  ADD COLUMN `x12_sftp_pass` varchar(255) DEFAULT NULL AFTER `x12_sftp_login`,
  ADD COLUMN `x12_sftp_host` varchar(255) DEFAULT NULL AFTER `x12_sftp_pass`,
  ADD COLUMN `x12_sftp_port` varchar(255) DEFAULT NULL AFTER `x12_sftp_host`,
  ADD COLUMN `x12_sftp_local_dir` varchar(255) DEFAULT NULL AFTER `x12_sftp_port`,
  ADD COLUMN `x12_sftp_remote_dir` varchar(255) DEFAULT NULL AFTER `x12_sftp_local_dir`,
  ADD COLUMN `x12_token_endpoint` tinytext DEFAULT NULL AFTER `x12_sftp_remote_dir`,
  ADD COLUMN `x12_eligibility_endpoint` tinytext DEFAULT NULL AFTER `x12_token_endpoint`,
  ADD COLUMN `x12_claim_status_endpoint` tinytext DEFAULT NULL AFTER `x12_eligibility_endpoint`,
  ADD COLUMN `x12_attachment_endpoint` tinytext DEFAULT NULL AFTER `x12_claim_status_endpoint`,
  ADD COLUMN `x12_client_id` tinytext DEFAULT NULL AFTER `x12_attachment_endpoint`,
  ADD COLUMN `x12_client_secret` tinytext DEFAULT NULL AFTER `x12_client_id`;

-- ======================================================================================
-- NEEDS REVIEW: not applied. Each item says why; uncomment what you decide to run.
-- ======================================================================================

-- [review] column api_token.user_id (type, nullable)
--   why: changes the type bigint(20) → varchar(40): existing values are converted and may fail or change
-- ALTER TABLE `api_token`
--   MODIFY COLUMN `user_id` varchar(40) DEFAULT NULL;

-- [review] column api_token.token (type)
--   why: narrows varchar(256) → varchar(128): longer or larger values would be cut or rejected (check the longest value first)
-- ALTER TABLE `api_token`
--   MODIFY COLUMN `token` varchar(128) DEFAULT NULL;

-- [review] index api_token.token
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- ALTER TABLE `api_token`
--   ADD UNIQUE INDEX `token` (`token`);

-- [review] column automatic_notification.next_app_date
--   why: drops the column and its data
-- ALTER TABLE `automatic_notification`
--   DROP COLUMN `next_app_date`;

-- [review] column automatic_notification.next_app_time
--   why: drops the column and its data
-- ALTER TABLE `automatic_notification`
--   DROP COLUMN `next_app_time`;

-- [review] column automatic_notification.notification_sent_date
--   why: drops the column and its data
-- ALTER TABLE `automatic_notification`
--   DROP COLUMN `notification_sent_date`;

-- [review] column drugs.form (type)
--   why: changes the type int(3) → varchar(31): existing values are converted and may fail or change
-- ALTER TABLE `drugs`
--   MODIFY COLUMN `form` varchar(31) NOT NULL DEFAULT '0';

-- [review] column drugs.unit (type)
--   why: changes the type int(11) → varchar(31): existing values are converted and may fail or change
-- ALTER TABLE `drugs`
--   MODIFY COLUMN `unit` varchar(31) NOT NULL DEFAULT '0';

-- [review] column drugs.route (type)
--   why: changes the type int(11) → varchar(31): existing values are converted and may fail or change
-- ALTER TABLE `drugs`
--   MODIFY COLUMN `route` varchar(31) NOT NULL DEFAULT '0';

-- [review] column form_care_plan.date (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `form_care_plan`
--   MODIFY COLUMN `date` datetime DEFAULT NULL;

-- [review] column form_observation.date (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `form_observation`
--   MODIFY COLUMN `date` datetime DEFAULT NULL;

-- [review] column form_observation.id (autoIncrement); primary key of form_observation
--   why: makes the column auto-increment: it must be a key, and existing zero values are renumbered
--   why: adds a primary key to a table with data: fails if rows repeat or hold NULLs in its columns
-- ALTER TABLE `form_observation`
--   MODIFY COLUMN `id` bigint(20) NOT NULL AUTO_INCREMENT,
--   ADD PRIMARY KEY (`id`);

-- [review] column form_vitals.weight (type)
--   why: changes the type float(5,2) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `weight` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.height (type)
--   why: changes the type float(5,2) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `height` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.temperature (type)
--   why: changes the type float(5,2) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `temperature` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.pulse (type)
--   why: changes the type float(5,2) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `pulse` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.respiration (type)
--   why: changes the type float(5,2) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `respiration` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.BMI (type)
--   why: changes the type float(4,1) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `BMI` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.waist_circ (type)
--   why: changes the type float(5,2) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `waist_circ` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.head_circ (type)
--   why: changes the type float(4,2) → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `head_circ` decimal(12,6) DEFAULT 0;

-- [review] column form_vitals.oxygen_saturation (type)
--   why: changes the type float(5,2) → decimal(6,2): existing values are converted and may fail or change
-- ALTER TABLE `form_vitals`
--   MODIFY COLUMN `oxygen_saturation` decimal(6,2) DEFAULT 0;

-- [review] column insurance_companies.inactive (type)
--   why: narrows int(1) → tinyint(1): longer or larger values would be cut or rejected (check the longest value first)
-- ALTER TABLE `insurance_companies`
--   MODIFY COLUMN `inactive` tinyint(1) NOT NULL DEFAULT 0;

-- [review] column issue_encounter.id; primary key of issue_encounter
--   why: adds an auto-increment column: it must become a key in the same statement (see the primary key change of this table)
--   why: changes the primary key (pid, list_id, encounter) → (id): fails if rows repeat in the new columns
-- ALTER TABLE `issue_encounter`
--   DROP PRIMARY KEY,
--   ADD COLUMN `id` bigint(20) NOT NULL AUTO_INCREMENT FIRST,
--   ADD PRIMARY KEY (`id`);

-- [review] index issue_encounter.uniq_issue_key
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- ALTER TABLE `issue_encounter`
--   ADD UNIQUE INDEX `uniq_issue_key` (`pid`, `list_id`, `encounter`);

-- [review] column lists.begdate (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `lists`
--   MODIFY COLUMN `begdate` datetime DEFAULT NULL;

-- [review] column lists.enddate (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `lists`
--   MODIFY COLUMN `enddate` datetime DEFAULT NULL;

-- [review] column patient_access_onsite.portal_salt
--   why: drops the column and its data
-- ALTER TABLE `patient_access_onsite`
--   DROP COLUMN `portal_salt`;

-- [review] index patient_access_onsite.pid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- ALTER TABLE `patient_access_onsite`
--   ADD UNIQUE INDEX `pid` (`pid`);

-- [review] column patient_data.regdate (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `patient_data`
--   MODIFY COLUMN `regdate` datetime DEFAULT NULL COMMENT 'Registration Date';

-- [review] column patient_data.ad_reviewed (type, comment)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `patient_data`
--   MODIFY COLUMN `ad_reviewed` datetime DEFAULT NULL COMMENT 'Date and time the advance care directive was reviewed and validated by the authenticator user.';

-- [review] column patient_data.interpretter
--   why: drops the column and its data
-- ALTER TABLE `patient_data`
--   DROP COLUMN `interpretter`;

-- [review] column patient_data.care_team
--   why: drops the column and its data
-- ALTER TABLE `patient_data`
--   DROP COLUMN `care_team`;

-- [review] column prescriptions.date_added (type, comment)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `prescriptions`
--   MODIFY COLUMN `date_added` datetime DEFAULT NULL COMMENT 'Datetime the prescriptions was initially created';

-- [review] column prescriptions.date_modified (type, comment)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `prescriptions`
--   MODIFY COLUMN `date_modified` datetime DEFAULT NULL COMMENT 'Datetime the prescriptions was last modified';

-- [review] column prescriptions.rxnorm_drugcode (type)
--   why: changes the type int(11) → varchar(25): existing values are converted and may fail or change
-- ALTER TABLE `prescriptions`
--   MODIFY COLUMN `rxnorm_drugcode` varchar(25) DEFAULT NULL;

-- [review] column prescriptions.route (type, comment)
--   why: changes the type int(11) → varchar(100): existing values are converted and may fail or change
-- ALTER TABLE `prescriptions`
--   MODIFY COLUMN `route` varchar(100) DEFAULT NULL COMMENT 'Max size 100 characters is same max as immunizations';

-- [review] column procedure_order.date_ordered (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `procedure_order`
--   MODIFY COLUMN `date_ordered` datetime DEFAULT NULL;

-- [review] column product_registration.id; column product_registration.registration_id; primary key of product_registration
--   why: adds an auto-increment column: it must become a key in the same statement (see the primary key change of this table)
--   why: drops the column and its data
--   why: changes the primary key (registration_id) → (id): fails if rows repeat in the new columns
-- ALTER TABLE `product_registration`
--   DROP PRIMARY KEY,
--   DROP COLUMN `registration_id`,
--   ADD COLUMN `id` int(11) NOT NULL AUTO_INCREMENT FIRST,
--   ADD PRIMARY KEY (`id`);

-- [review] column users.pwd_expiration_date
--   why: drops the column and its data
-- ALTER TABLE `users`
--   DROP COLUMN `pwd_expiration_date`;

-- [review] column users.pwd_history1
--   why: drops the column and its data
-- ALTER TABLE `users`
--   DROP COLUMN `pwd_history1`;

-- [review] column users.pwd_history2
--   why: drops the column and its data
-- ALTER TABLE `users`
--   DROP COLUMN `pwd_history2`;

-- [review] primary key of users_facility
--   why: changes the primary key (tablename, table_id, facility_id) → (tablename, table_id, facility_id, warehouse_id): fails if rows repeat in the new columns
-- ALTER TABLE `users_facility`
--   DROP PRIMARY KEY,
--   ADD PRIMARY KEY (`tablename`, `table_id`, `facility_id`, `warehouse_id`);

-- [review] column users_secure.salt
--   why: drops the column and its data
-- ALTER TABLE `users_secure`
--   DROP COLUMN `salt`;

-- [review] column users_secure.salt_history1
--   why: drops the column and its data
-- ALTER TABLE `users_secure`
--   DROP COLUMN `salt_history1`;

-- [review] column users_secure.salt_history2
--   why: drops the column and its data
-- ALTER TABLE `users_secure`
--   DROP COLUMN `salt_history2`;

-- [review] table erx_weno_drugs
--   why: drops the table and every row in it
-- DROP TABLE `erx_weno_drugs`;

-- [review] table log_validator
--   why: drops the table and every row in it
-- DROP TABLE `log_validator`;

-- [review] table multiple_db
--   why: drops the table and every row in it
-- DROP TABLE `multiple_db`;

-- [review] table patient_access_offsite
--   why: drops the table and every row in it
-- DROP TABLE `patient_access_offsite`;

-- end of script (150 statement(s) applied by hisops, 49 for review)
