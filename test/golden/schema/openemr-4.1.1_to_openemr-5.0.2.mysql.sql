-- ======================================================================================
-- hisops schema sync script
-- current:    openemr-4.1.1 (MariaDB fixture) (MySQL/MariaDB), fingerprint c40eb15bdefdf96a
-- target:     openemr-5.0.2 (MariaDB fixture) (MySQL/MariaDB), fingerprint 64c16c8f9538053a
-- written:    2025-01-01T00:00:00.000Z by hisops golden, for MySQL/MariaDB
-- changes:    498 (table +91 -17 ~112; column +181 -27 ~67; index +2 -0 ~1)
-- safe part:  206 statement(s) for 445 change(s)
-- review:     54 change(s) need a person (commented out below, with reasons)
-- Run it with `hisops schema sync <db> <target> --script <this file> --apply`: hisops checks the
-- fingerprint first and journals every statement, so a stopped run can be resumed with --resume.
-- hisops:plan {"format":"hisops-schema-script","version":1,"planId":"e785d9b185b1e6f02934b908c0f93185","dialect":"mysql","current":"c40eb15bdefdf96adc382a596298f71cc20f230f287f7f984374545848ad518c","target":"64c16c8f9538053ac4ff48fed5c7c321952bf7164592bee9745db85f72a05cf5","statements":206,"hisopsVersion":"golden","createdAt":"2025-01-01T00:00:00.000Z"}
-- ======================================================================================

-- ======================================================================================
-- SAFE PART
-- ======================================================================================

-- table amendments
-- hisops:stmt 1 931 ["table:amendments"]
CREATE TABLE `amendments` (
  `amendment_id` int(11) NOT NULL AUTO_INCREMENT COMMENT 'Amendment ID',
  `amendment_date` date NOT NULL COMMENT 'Amendement request date',
  `amendment_by` varchar(50) NOT NULL COMMENT 'Amendment requested from',
  `amendment_status` varchar(50) DEFAULT NULL COMMENT 'Amendment status accepted/rejected/null',
  `pid` bigint(20) NOT NULL COMMENT 'Patient ID from patient_data',
  `amendment_desc` text DEFAULT NULL COMMENT 'Amendment Details',
  `created_by` int(11) NOT NULL COMMENT 'references users.id for session owner',
  `modified_by` int(11) DEFAULT NULL COMMENT 'references users.id for session owner',
  `created_time` timestamp NOT NULL DEFAULT '0000-00-00 00:00:00' COMMENT 'created time',
  `modified_time` timestamp NULL DEFAULT NULL COMMENT 'modified time',
  PRIMARY KEY (`amendment_id`),
  KEY `amendment_pid` (`pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table amendments_history
-- hisops:stmt 2 548 ["table:amendments_history"]
CREATE TABLE `amendments_history` (
  `amendment_id` int(11) NOT NULL AUTO_INCREMENT COMMENT 'Amendment ID',
  `amendment_note` text DEFAULT NULL COMMENT 'Amendment requested from',
  `amendment_status` varchar(50) DEFAULT NULL COMMENT 'Amendment Request Status',
  `created_by` int(11) NOT NULL COMMENT 'references users.id for session owner',
  `created_time` timestamp NOT NULL DEFAULT '0000-00-00 00:00:00' COMMENT 'created time',
  KEY `amendment_history_id` (`amendment_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table api_token
-- hisops:stmt 3 262 ["table:api_token"]
CREATE TABLE `api_token` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `user_id` bigint(20) NOT NULL,
  `token` varchar(256) DEFAULT NULL,
  `expiry` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table background_services
-- hisops:stmt 4 807 ["table:background_services"]
CREATE TABLE `background_services` (
  `name` varchar(31) NOT NULL,
  `title` varchar(127) NOT NULL COMMENT 'name for reports',
  `active` tinyint(1) NOT NULL DEFAULT 0,
  `running` tinyint(1) NOT NULL DEFAULT -1 COMMENT 'True indicates managed service is busy. Skip this interval',
  `next_run` timestamp NOT NULL DEFAULT current_timestamp(),
  `execute_interval` int(11) NOT NULL DEFAULT 0 COMMENT 'minimum number of minutes between function calls,0=manual mode',
  `function` varchar(127) NOT NULL COMMENT 'name of background service function',
  `require_once` varchar(255) DEFAULT NULL COMMENT 'include file (if necessary)',
  `sort_order` int(11) NOT NULL DEFAULT 100 COMMENT 'lower numbers will be run first',
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table benefit_eligibility
-- hisops:stmt 5 844 ["table:benefit_eligibility"]
CREATE TABLE `benefit_eligibility` (
  `response_id` bigint(20) NOT NULL,
  `verification_id` bigint(20) NOT NULL,
  `type` varchar(4) DEFAULT NULL,
  `benefit_type` varchar(255) DEFAULT NULL,
  `start_date` date DEFAULT NULL,
  `end_date` date DEFAULT NULL,
  `coverage_level` varchar(255) DEFAULT NULL,
  `coverage_type` varchar(512) DEFAULT NULL,
  `plan_type` varchar(255) DEFAULT NULL,
  `plan_description` varchar(255) DEFAULT NULL,
  `coverage_period` varchar(255) DEFAULT NULL,
  `amount` decimal(5,2) DEFAULT NULL,
  `percent` decimal(3,2) DEFAULT NULL,
  `network_ind` varchar(2) DEFAULT NULL,
  `message` varchar(512) DEFAULT NULL,
  `response_status` enum('A','D') DEFAULT 'A',
  `response_create_date` date DEFAULT NULL,
  `response_modify_date` date DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table calendar_external
-- hisops:stmt 6 262 ["table:calendar_external"]
CREATE TABLE `calendar_external` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `date` date NOT NULL,
  `description` varchar(45) NOT NULL,
  `source` varchar(45) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table ccda
-- hisops:stmt 7 740 ["table:ccda"]
CREATE TABLE `ccda` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `pid` bigint(20) DEFAULT NULL,
  `encounter` bigint(20) DEFAULT NULL,
  `ccda_data` mediumtext DEFAULT NULL,
  `time` varchar(50) DEFAULT NULL,
  `status` smallint(6) DEFAULT NULL,
  `updated_date` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `user_id` varchar(50) DEFAULT NULL,
  `couch_docid` varchar(100) DEFAULT NULL,
  `couch_revid` varchar(100) DEFAULT NULL,
  `view` tinyint(4) NOT NULL DEFAULT 0,
  `transfer` tinyint(4) NOT NULL DEFAULT 0,
  `emr_transfer` tinyint(4) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `unique_key` (`pid`, `encounter`, `time`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table ccda_components
-- hisops:stmt 8 366 ["table:ccda_components"]
CREATE TABLE `ccda_components` (
  `ccda_components_id` int(11) NOT NULL AUTO_INCREMENT,
  `ccda_components_field` varchar(100) DEFAULT NULL,
  `ccda_components_name` varchar(100) DEFAULT NULL,
  `ccda_type` int(11) NOT NULL COMMENT '0=>sections,1=>components',
  PRIMARY KEY (`ccda_components_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table ccda_field_mapping
-- hisops:stmt 9 241 ["table:ccda_field_mapping"]
CREATE TABLE `ccda_field_mapping` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `table_id` int(11) DEFAULT NULL,
  `ccda_field` varchar(100) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table ccda_sections
-- hisops:stmt 10 394 ["table:ccda_sections"]
CREATE TABLE `ccda_sections` (
  `ccda_sections_id` int(11) NOT NULL AUTO_INCREMENT,
  `ccda_components_id` int(11) DEFAULT NULL,
  `ccda_sections_field` varchar(100) DEFAULT NULL,
  `ccda_sections_name` varchar(100) DEFAULT NULL,
  `ccda_sections_req_mapping` tinyint(4) NOT NULL DEFAULT 1,
  PRIMARY KEY (`ccda_sections_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table ccda_table_mapping
-- hisops:stmt 11 555 ["table:ccda_table_mapping"]
CREATE TABLE `ccda_table_mapping` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `ccda_component` varchar(100) DEFAULT NULL,
  `ccda_component_section` varchar(100) DEFAULT NULL,
  `form_dir` varchar(100) DEFAULT NULL,
  `form_type` smallint(6) DEFAULT NULL,
  `form_table` varchar(100) DEFAULT NULL,
  `user_id` int(11) DEFAULT NULL,
  `deleted` tinyint(4) NOT NULL DEFAULT 0,
  `timestamp` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table clinical_rules_log
-- hisops:stmt 12 517 ["table:clinical_rules_log"]
CREATE TABLE `clinical_rules_log` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` datetime DEFAULT NULL,
  `pid` bigint(20) NOT NULL DEFAULT 0,
  `uid` bigint(20) NOT NULL DEFAULT 0,
  `category` varchar(255) NOT NULL DEFAULT '' COMMENT 'An example category is clinical_reminder_widget',
  `value` text DEFAULT NULL,
  `new_value` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `category` (`category`),
  KEY `pid` (`pid`),
  KEY `uid` (`uid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table codes_history
-- hisops:stmt 13 696 ["table:codes_history"]
CREATE TABLE `codes_history` (
  `log_id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` datetime DEFAULT NULL,
  `code` varchar(25) DEFAULT NULL,
  `modifier` varchar(12) DEFAULT NULL,
  `active` tinyint(1) DEFAULT NULL,
  `diagnosis_reporting` tinyint(1) DEFAULT NULL,
  `financial_reporting` tinyint(1) DEFAULT NULL,
  `category` varchar(255) DEFAULT NULL,
  `code_type_name` varchar(255) DEFAULT NULL,
  `code_text` varchar(255) DEFAULT NULL,
  `code_text_short` varchar(24) DEFAULT NULL,
  `prices` text DEFAULT NULL,
  `action_type` varchar(25) DEFAULT NULL,
  `update_by` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`log_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table direct_message_log
-- hisops:stmt 14 699 ["table:direct_message_log"]
CREATE TABLE `direct_message_log` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `msg_type` char(1) NOT NULL COMMENT 'S=sent,R=received',
  `msg_id` varchar(127) NOT NULL,
  `sender` varchar(255) NOT NULL,
  `recipient` varchar(255) NOT NULL,
  `create_ts` timestamp NOT NULL DEFAULT current_timestamp(),
  `status` char(1) NOT NULL COMMENT 'Q=queued,D=dispatched,R=received,F=failed',
  `status_info` varchar(511) DEFAULT NULL,
  `status_ts` timestamp NULL DEFAULT NULL,
  `patient_id` bigint(20) DEFAULT NULL,
  `user_id` bigint(20) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `msg_id` (`msg_id`),
  KEY `patient_id` (`patient_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table erx_narcotics
-- hisops:stmt 15 329 ["table:erx_narcotics"]
CREATE TABLE `erx_narcotics` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `drug` varchar(255) NOT NULL,
  `dea_number` varchar(5) NOT NULL,
  `csa_sch` varchar(2) NOT NULL,
  `narc` varchar(2) NOT NULL,
  `other_names` varchar(255) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table erx_rx_log
-- hisops:stmt 16 383 ["table:erx_rx_log"]
CREATE TABLE `erx_rx_log` (
  `id` int(20) NOT NULL AUTO_INCREMENT,
  `prescription_id` int(6) NOT NULL,
  `date` varchar(25) NOT NULL,
  `time` varchar(15) NOT NULL,
  `code` int(6) NOT NULL,
  `status` text DEFAULT NULL,
  `message_id` varchar(100) DEFAULT NULL,
  `read` int(1) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table erx_ttl_touch
-- hisops:stmt 17 451 ["table:erx_ttl_touch"]
CREATE TABLE `erx_ttl_touch` (
  `patient_id` bigint(20) unsigned NOT NULL COMMENT 'Patient record Id',
  `process` enum('allergies','medications') NOT NULL COMMENT 'NewCrop eRx SOAP process',
  `updated` datetime NOT NULL COMMENT 'Date and time of last process update for patient',
  PRIMARY KEY (`patient_id`, `process`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Store records last update per patient data process';

-- table erx_weno_drugs
-- hisops:stmt 18 1243 ["table:erx_weno_drugs"]
CREATE TABLE `erx_weno_drugs` (
  `drug_id` int(11) NOT NULL AUTO_INCREMENT,
  `rxcui_drug_coded` int(11) DEFAULT NULL,
  `generic_rxcui` int(11) DEFAULT NULL,
  `drug_db_code_qualifier` text DEFAULT NULL,
  `full_name` varchar(250) NOT NULL,
  `rxn_dose_form` text DEFAULT NULL,
  `full_generic_name` varchar(250) NOT NULL,
  `brand_name` varchar(250) NOT NULL,
  `display_name` varchar(250) NOT NULL,
  `route` text DEFAULT NULL,
  `new_dose_form` varchar(100) DEFAULT NULL,
  `strength` varchar(15) DEFAULT NULL,
  `supress_for` text DEFAULT NULL,
  `display_name_synonym` text DEFAULT NULL,
  `is_retired` text DEFAULT NULL,
  `sxdg_rxcui` varchar(10) DEFAULT NULL,
  `sxdg_tty` text DEFAULT NULL,
  `sxdg_name` varchar(100) DEFAULT NULL,
  `psn_drugdescription` varchar(100) DEFAULT NULL,
  `ncpdp_quantity_term` text DEFAULT NULL,
  `potency_unit_code` varchar(10) DEFAULT NULL,
  `dea_schedule_no` int(2) DEFAULT NULL,
  `dea_schedule` varchar(7) DEFAULT NULL,
  `ingredients` varchar(100) DEFAULT NULL,
  `drug_interaction` varchar(100) DEFAULT NULL,
  `unit_source_code` varchar(3) DEFAULT NULL,
  `code_list_qualifier` int(3) DEFAULT NULL,
  PRIMARY KEY (`drug_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table esign_signatures
-- hisops:stmt 19 764 ["table:esign_signatures"]
CREATE TABLE `esign_signatures` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `tid` int(11) NOT NULL COMMENT 'Table row ID for signature',
  `table` varchar(255) NOT NULL COMMENT 'table name for the signature',
  `uid` int(11) NOT NULL COMMENT 'user id for the signing user',
  `datetime` datetime NOT NULL COMMENT 'datetime of the signature action',
  `is_lock` tinyint(1) NOT NULL DEFAULT 0 COMMENT 'sig, lock or amendment',
  `amendment` text DEFAULT NULL COMMENT 'amendment text, if any',
  `hash` varchar(255) NOT NULL COMMENT 'hash of signed data',
  `signature_hash` varchar(255) NOT NULL COMMENT 'hash of signature itself',
  PRIMARY KEY (`id`),
  KEY `table` (`table`),
  KEY `tid` (`tid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table external_encounters
-- hisops:stmt 20 427 ["table:external_encounters"]
CREATE TABLE `external_encounters` (
  `ee_id` int(11) NOT NULL AUTO_INCREMENT,
  `ee_date` date DEFAULT NULL,
  `ee_pid` int(11) DEFAULT NULL,
  `ee_provider_id` varchar(255) DEFAULT NULL,
  `ee_facility_id` varchar(255) DEFAULT NULL,
  `ee_encounter_diagnosis` varchar(255) DEFAULT NULL,
  `ee_external_id` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`ee_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table external_procedures
-- hisops:stmt 21 486 ["table:external_procedures"]
CREATE TABLE `external_procedures` (
  `ep_id` int(11) NOT NULL AUTO_INCREMENT,
  `ep_date` date DEFAULT NULL,
  `ep_code_type` varchar(20) DEFAULT NULL,
  `ep_code` varchar(9) DEFAULT NULL,
  `ep_pid` int(11) DEFAULT NULL,
  `ep_encounter` int(11) DEFAULT NULL,
  `ep_code_text` longtext DEFAULT NULL,
  `ep_facility_id` varchar(255) DEFAULT NULL,
  `ep_external_id` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`ep_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_care_plan
-- hisops:stmt 22 573 ["table:form_care_plan"]
CREATE TABLE `form_care_plan` (
  `id` bigint(20) NOT NULL,
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
  `care_plan_type` varchar(30) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_clinical_instructions
-- hisops:stmt 23 439 ["table:form_clinical_instructions"]
CREATE TABLE `form_clinical_instructions` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `pid` bigint(20) DEFAULT NULL,
  `encounter` varchar(255) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `instruction` text DEFAULT NULL,
  `date` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `activity` tinyint(4) DEFAULT 1,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_acuity
-- hisops:stmt 24 1326 ["table:form_eye_acuity"]
CREATE TABLE `form_eye_acuity` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `SCODVA` varchar(25) DEFAULT NULL,
  `SCOSVA` varchar(25) DEFAULT NULL,
  `PHODVA` varchar(25) DEFAULT NULL,
  `PHOSVA` varchar(25) DEFAULT NULL,
  `CTLODVA` varchar(25) DEFAULT NULL,
  `CTLOSVA` varchar(25) DEFAULT NULL,
  `MRODVA` varchar(25) DEFAULT NULL,
  `MROSVA` varchar(25) DEFAULT NULL,
  `SCNEARODVA` varchar(25) DEFAULT NULL,
  `SCNEAROSVA` varchar(25) DEFAULT NULL,
  `MRNEARODVA` varchar(25) DEFAULT NULL,
  `MRNEAROSVA` varchar(25) DEFAULT NULL,
  `GLAREODVA` varchar(25) DEFAULT NULL,
  `GLAREOSVA` varchar(25) DEFAULT NULL,
  `GLARECOMMENTS` varchar(255) DEFAULT NULL,
  `ARODVA` varchar(25) DEFAULT NULL,
  `AROSVA` varchar(25) DEFAULT NULL,
  `CRODVA` varchar(25) DEFAULT NULL,
  `CROSVA` varchar(25) DEFAULT NULL,
  `CTLODVA1` varchar(25) DEFAULT NULL,
  `CTLOSVA1` varchar(25) DEFAULT NULL,
  `PAMODVA` varchar(25) DEFAULT NULL,
  `PAMOSVA` varchar(25) DEFAULT NULL,
  `LIODVA` varchar(25) NOT NULL,
  `LIOSVA` varchar(25) NOT NULL,
  `WODVANEAR` varchar(25) DEFAULT NULL,
  `OSVANEARCC` varchar(25) DEFAULT NULL,
  `BINOCVA` varchar(25) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_antseg
-- hisops:stmt 25 1701 ["table:form_eye_antseg"]
CREATE TABLE `form_eye_antseg` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `ODSCHIRMER1` varchar(25) DEFAULT NULL,
  `OSSCHIRMER1` varchar(25) DEFAULT NULL,
  `ODSCHIRMER2` varchar(25) DEFAULT NULL,
  `OSSCHIRMER2` varchar(25) DEFAULT NULL,
  `ODTBUT` varchar(25) DEFAULT NULL,
  `OSTBUT` varchar(25) DEFAULT NULL,
  `OSCONJ` varchar(25) DEFAULT NULL,
  `ODCONJ` text DEFAULT NULL,
  `ODCORNEA` text DEFAULT NULL,
  `OSCORNEA` text DEFAULT NULL,
  `ODAC` text DEFAULT NULL,
  `OSAC` text DEFAULT NULL,
  `ODLENS` text DEFAULT NULL,
  `OSLENS` text DEFAULT NULL,
  `ODIRIS` text DEFAULT NULL,
  `OSIRIS` text DEFAULT NULL,
  `PUPIL_NORMAL` varchar(2) DEFAULT '1',
  `ODPUPILSIZE1` varchar(25) DEFAULT NULL,
  `ODPUPILSIZE2` varchar(25) DEFAULT NULL,
  `ODPUPILREACTIVITY` char(25) DEFAULT NULL,
  `ODAPD` varchar(25) DEFAULT NULL,
  `OSPUPILSIZE1` varchar(25) DEFAULT NULL,
  `OSPUPILSIZE2` varchar(25) DEFAULT NULL,
  `OSPUPILREACTIVITY` char(25) DEFAULT NULL,
  `OSAPD` varchar(25) DEFAULT NULL,
  `DIMODPUPILSIZE1` varchar(25) DEFAULT NULL,
  `DIMODPUPILSIZE2` varchar(25) DEFAULT NULL,
  `DIMODPUPILREACTIVITY` varchar(25) DEFAULT NULL,
  `DIMOSPUPILSIZE1` varchar(25) DEFAULT NULL,
  `DIMOSPUPILSIZE2` varchar(25) DEFAULT NULL,
  `DIMOSPUPILREACTIVITY` varchar(25) DEFAULT NULL,
  `PUPIL_COMMENTS` text DEFAULT NULL,
  `ODKTHICKNESS` varchar(25) DEFAULT NULL,
  `OSKTHICKNESS` varchar(25) DEFAULT NULL,
  `ODGONIO` varchar(25) DEFAULT NULL,
  `OSGONIO` varchar(25) DEFAULT NULL,
  `ANTSEG_COMMENTS` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_base
-- hisops:stmt 26 415 ["table:form_eye_base"]
CREATE TABLE `form_eye_base` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT 'Links to forms.form_id',
  `date` datetime DEFAULT NULL,
  `pid` bigint(20) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `groupname` varchar(255) DEFAULT NULL,
  `authorized` tinyint(4) DEFAULT NULL,
  `activity` tinyint(4) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_biometrics
-- hisops:stmt 27 862 ["table:form_eye_biometrics"]
CREATE TABLE `form_eye_biometrics` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `ODK1` varchar(10) DEFAULT NULL,
  `ODK2` varchar(10) DEFAULT NULL,
  `ODK2AXIS` varchar(10) DEFAULT NULL,
  `OSK1` varchar(10) DEFAULT NULL,
  `OSK2` varchar(10) DEFAULT NULL,
  `OSK2AXIS` varchar(10) DEFAULT NULL,
  `ODAXIALLENGTH` varchar(20) DEFAULT NULL,
  `OSAXIALLENGTH` varchar(20) DEFAULT NULL,
  `ODPDMeasured` varchar(20) DEFAULT NULL,
  `OSPDMeasured` varchar(20) DEFAULT NULL,
  `ODACD` varchar(20) DEFAULT NULL,
  `OSACD` varchar(20) DEFAULT NULL,
  `ODW2W` varchar(20) DEFAULT NULL,
  `OSW2W` varchar(20) DEFAULT NULL,
  `ODLT` varchar(20) DEFAULT NULL,
  `OSLT` varchar(20) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_external
-- hisops:stmt 28 1155 ["table:form_eye_external"]
CREATE TABLE `form_eye_external` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `RUL` text DEFAULT NULL,
  `LUL` text DEFAULT NULL,
  `RLL` text DEFAULT NULL,
  `LLL` text DEFAULT NULL,
  `RBROW` text DEFAULT NULL,
  `LBROW` text DEFAULT NULL,
  `RMCT` text DEFAULT NULL,
  `LMCT` text DEFAULT NULL,
  `RADNEXA` text DEFAULT NULL,
  `LADNEXA` text DEFAULT NULL,
  `RMRD` varchar(25) DEFAULT NULL,
  `LMRD` varchar(25) DEFAULT NULL,
  `RLF` varchar(25) DEFAULT NULL,
  `LLF` varchar(25) DEFAULT NULL,
  `RVFISSURE` varchar(25) DEFAULT NULL,
  `LVFISSURE` varchar(25) DEFAULT NULL,
  `ODHERTEL` varchar(25) DEFAULT NULL,
  `OSHERTEL` varchar(25) DEFAULT NULL,
  `HERTELBASE` varchar(25) DEFAULT NULL,
  `RCAROTID` text DEFAULT NULL,
  `LCAROTID` text DEFAULT NULL,
  `RTEMPART` text DEFAULT NULL,
  `LTEMPART` text DEFAULT NULL,
  `RCNV` text DEFAULT NULL,
  `LCNV` text DEFAULT NULL,
  `RCNVII` text DEFAULT NULL,
  `LCNVII` text DEFAULT NULL,
  `EXT_COMMENTS` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_hpi
-- hisops:stmt 29 1386 ["table:form_eye_hpi"]
CREATE TABLE `form_eye_hpi` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `CC1` varchar(255) DEFAULT NULL,
  `HPI1` text DEFAULT NULL,
  `QUALITY1` varchar(255) DEFAULT NULL,
  `TIMING1` varchar(255) DEFAULT NULL,
  `DURATION1` varchar(255) DEFAULT NULL,
  `CONTEXT1` varchar(255) DEFAULT NULL,
  `SEVERITY1` varchar(255) DEFAULT NULL,
  `MODIFY1` varchar(255) DEFAULT NULL,
  `ASSOCIATED1` varchar(255) DEFAULT NULL,
  `LOCATION1` varchar(255) DEFAULT NULL,
  `CHRONIC1` varchar(255) DEFAULT NULL,
  `CHRONIC2` varchar(255) DEFAULT NULL,
  `CHRONIC3` varchar(255) DEFAULT NULL,
  `CC2` text DEFAULT NULL,
  `HPI2` text DEFAULT NULL,
  `QUALITY2` text DEFAULT NULL,
  `TIMING2` text DEFAULT NULL,
  `DURATION2` text DEFAULT NULL,
  `CONTEXT2` text DEFAULT NULL,
  `SEVERITY2` text DEFAULT NULL,
  `MODIFY2` text DEFAULT NULL,
  `ASSOCIATED2` text DEFAULT NULL,
  `LOCATION2` text DEFAULT NULL,
  `CC3` text DEFAULT NULL,
  `HPI3` text DEFAULT NULL,
  `QUALITY3` text DEFAULT NULL,
  `TIMING3` text DEFAULT NULL,
  `DURATION3` text DEFAULT NULL,
  `CONTEXT3` text DEFAULT NULL,
  `SEVERITY3` text DEFAULT NULL,
  `MODIFY3` text DEFAULT NULL,
  `ASSOCIATED3` text DEFAULT NULL,
  `LOCATION3` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_locking
-- hisops:stmt 30 556 ["table:form_eye_locking"]
CREATE TABLE `form_eye_locking` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `IMP` text DEFAULT NULL,
  `PLAN` text DEFAULT NULL,
  `Resource` varchar(50) DEFAULT NULL,
  `Technician` varchar(50) DEFAULT NULL,
  `LOCKED` varchar(3) DEFAULT NULL,
  `LOCKEDDATE` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `LOCKEDBY` varchar(50) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_mag_dispense
-- hisops:stmt 31 2316 ["table:form_eye_mag_dispense"]
CREATE TABLE `form_eye_mag_dispense` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` timestamp NOT NULL DEFAULT current_timestamp(),
  `encounter` bigint(20) DEFAULT NULL,
  `pid` bigint(20) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `groupname` varchar(255) DEFAULT NULL,
  `authorized` tinyint(4) DEFAULT NULL,
  `activity` tinyint(4) DEFAULT NULL,
  `REFDATE` datetime DEFAULT NULL,
  `REFTYPE` varchar(10) DEFAULT NULL,
  `RXTYPE` varchar(20) DEFAULT NULL,
  `ODSPH` varchar(10) DEFAULT NULL,
  `ODCYL` varchar(10) DEFAULT NULL,
  `ODAXIS` varchar(10) DEFAULT NULL,
  `OSSPH` varchar(10) DEFAULT NULL,
  `OSCYL` varchar(10) DEFAULT NULL,
  `OSAXIS` varchar(10) DEFAULT NULL,
  `ODMIDADD` varchar(10) DEFAULT NULL,
  `OSMIDADD` varchar(10) DEFAULT NULL,
  `ODADD` varchar(10) DEFAULT NULL,
  `OSADD` varchar(10) DEFAULT NULL,
  `ODHPD` varchar(20) DEFAULT NULL,
  `ODHBASE` varchar(20) DEFAULT NULL,
  `ODVPD` varchar(20) DEFAULT NULL,
  `ODVBASE` varchar(20) DEFAULT NULL,
  `ODSLABOFF` varchar(20) DEFAULT NULL,
  `ODVERTEXDIST` varchar(20) DEFAULT NULL,
  `OSHPD` varchar(20) DEFAULT NULL,
  `OSHBASE` varchar(20) DEFAULT NULL,
  `OSVPD` varchar(20) DEFAULT NULL,
  `OSVBASE` varchar(20) DEFAULT NULL,
  `OSSLABOFF` varchar(20) DEFAULT NULL,
  `OSVERTEXDIST` varchar(20) DEFAULT NULL,
  `ODMPDD` varchar(20) DEFAULT NULL,
  `ODMPDN` varchar(20) DEFAULT NULL,
  `OSMPDD` varchar(20) DEFAULT NULL,
  `OSMPDN` varchar(20) DEFAULT NULL,
  `BPDD` varchar(20) DEFAULT NULL,
  `BPDN` varchar(20) DEFAULT NULL,
  `LENS_MATERIAL` varchar(20) DEFAULT NULL,
  `LENS_TREATMENTS` varchar(100) DEFAULT NULL,
  `CTLMANUFACTUREROD` varchar(25) DEFAULT NULL,
  `CTLMANUFACTUREROS` varchar(25) DEFAULT NULL,
  `CTLSUPPLIEROD` varchar(25) DEFAULT NULL,
  `CTLSUPPLIEROS` varchar(25) DEFAULT NULL,
  `CTLBRANDOD` varchar(50) DEFAULT NULL,
  `CTLBRANDOS` varchar(50) DEFAULT NULL,
  `CTLODQUANTITY` varchar(255) DEFAULT NULL,
  `CTLOSQUANTITY` varchar(255) DEFAULT NULL,
  `ODDIAM` varchar(50) DEFAULT NULL,
  `ODBC` varchar(50) DEFAULT NULL,
  `OSDIAM` varchar(50) DEFAULT NULL,
  `OSBC` varchar(50) DEFAULT NULL,
  `RXCOMMENTS` text DEFAULT NULL,
  `COMMENTS` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `pid` (`pid`, `encounter`, `id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_mag_impplan
-- hisops:stmt 32 605 ["table:form_eye_mag_impplan"]
CREATE TABLE `form_eye_mag_impplan` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `form_id` bigint(20) NOT NULL,
  `pid` bigint(20) NOT NULL,
  `title` varchar(255) NOT NULL,
  `code` varchar(50) DEFAULT NULL,
  `codetype` varchar(50) DEFAULT NULL,
  `codedesc` varchar(255) DEFAULT NULL,
  `codetext` varchar(255) DEFAULT NULL,
  `plan` varchar(3000) DEFAULT NULL,
  `PMSFH_link` varchar(50) DEFAULT NULL,
  `IMPPLAN_order` tinyint(4) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `second_index` (`form_id`, `pid`, `title`, `plan`(20))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_mag_orders
-- hisops:stmt 33 611 ["table:form_eye_mag_orders"]
CREATE TABLE `form_eye_mag_orders` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `form_id` int(20) NOT NULL,
  `pid` bigint(20) NOT NULL,
  `ORDER_DETAILS` varchar(255) NOT NULL,
  `ORDER_STATUS` varchar(50) DEFAULT NULL,
  `ORDER_PRIORITY` varchar(50) DEFAULT NULL,
  `ORDER_DATE_PLACED` date NOT NULL,
  `ORDER_PLACED_BYWHOM` varchar(50) DEFAULT NULL,
  `ORDER_DATE_COMPLETED` date DEFAULT NULL,
  `ORDER_COMPLETED_BYWHOM` varchar(50) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `VISIT_ID` (`pid`, `ORDER_DETAILS`, `ORDER_DATE_PLACED`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_mag_prefs
-- hisops:stmt 34 616 ["table:form_eye_mag_prefs"]
CREATE TABLE `form_eye_mag_prefs` (
  `PEZONE` varchar(25) DEFAULT NULL,
  `LOCATION` varchar(25) DEFAULT NULL,
  `LOCATION_text` varchar(25) NOT NULL,
  `id` bigint(20) DEFAULT NULL,
  `selection` varchar(255) DEFAULT NULL,
  `ZONE_ORDER` int(11) DEFAULT NULL,
  `GOVALUE` varchar(10) DEFAULT '0',
  `ordering` tinyint(4) DEFAULT NULL,
  `FILL_ACTION` varchar(10) NOT NULL DEFAULT 'ADD',
  `GORIGHT` varchar(50) NOT NULL,
  `GOLEFT` varchar(50) NOT NULL,
  `UNSPEC` varchar(50) NOT NULL,
  UNIQUE KEY `id` (`id`, `PEZONE`, `LOCATION`, `selection`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_mag_wearing
-- hisops:stmt 35 1723 ["table:form_eye_mag_wearing"]
CREATE TABLE `form_eye_mag_wearing` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `ENCOUNTER` int(11) NOT NULL,
  `FORM_ID` smallint(6) NOT NULL,
  `PID` bigint(20) NOT NULL,
  `RX_NUMBER` int(11) NOT NULL,
  `ODSPH` varchar(10) DEFAULT NULL,
  `ODCYL` varchar(10) DEFAULT NULL,
  `ODAXIS` varchar(10) DEFAULT NULL,
  `OSSPH` varchar(10) DEFAULT NULL,
  `OSCYL` varchar(10) DEFAULT NULL,
  `OSAXIS` varchar(10) DEFAULT NULL,
  `ODMIDADD` varchar(10) DEFAULT NULL,
  `OSMIDADD` varchar(10) DEFAULT NULL,
  `ODADD` varchar(10) DEFAULT NULL,
  `OSADD` varchar(10) DEFAULT NULL,
  `ODVA` varchar(10) DEFAULT NULL,
  `OSVA` varchar(10) DEFAULT NULL,
  `ODNEARVA` varchar(10) DEFAULT NULL,
  `OSNEARVA` varchar(10) DEFAULT NULL,
  `ODHPD` varchar(20) DEFAULT NULL,
  `ODHBASE` varchar(20) DEFAULT NULL,
  `ODVPD` varchar(20) DEFAULT NULL,
  `ODVBASE` varchar(20) DEFAULT NULL,
  `ODSLABOFF` varchar(20) DEFAULT NULL,
  `ODVERTEXDIST` varchar(20) DEFAULT NULL,
  `OSHPD` varchar(20) DEFAULT NULL,
  `OSHBASE` varchar(20) DEFAULT NULL,
  `OSVPD` varchar(20) DEFAULT NULL,
  `OSVBASE` varchar(20) DEFAULT NULL,
  `OSSLABOFF` varchar(20) DEFAULT NULL,
  `OSVERTEXDIST` varchar(20) DEFAULT NULL,
  `ODMPDD` varchar(20) DEFAULT NULL,
  `ODMPDN` varchar(20) DEFAULT NULL,
  `OSMPDD` varchar(20) DEFAULT NULL,
  `OSMPDN` varchar(20) DEFAULT NULL,
  `BPDD` varchar(20) DEFAULT NULL,
  `BPDN` varchar(20) DEFAULT NULL,
  `LENS_MATERIAL` varchar(20) DEFAULT NULL,
  `LENS_TREATMENTS` varchar(100) DEFAULT NULL,
  `RX_TYPE` varchar(25) DEFAULT NULL,
  `COMMENTS` text DEFAULT NULL,
  UNIQUE KEY `FORM_ID` (`FORM_ID`, `ENCOUNTER`, `PID`, `RX_NUMBER`),
  UNIQUE KEY `id` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_neuro
-- hisops:stmt 36 3058 ["table:form_eye_neuro"]
CREATE TABLE `form_eye_neuro` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `ACT` char(3) NOT NULL DEFAULT 'on',
  `ACT5CCDIST` text DEFAULT NULL,
  `ACT1CCDIST` text DEFAULT NULL,
  `ACT2CCDIST` text DEFAULT NULL,
  `ACT3CCDIST` text DEFAULT NULL,
  `ACT4CCDIST` text DEFAULT NULL,
  `ACT6CCDIST` text DEFAULT NULL,
  `ACT7CCDIST` text DEFAULT NULL,
  `ACT8CCDIST` text DEFAULT NULL,
  `ACT9CCDIST` text DEFAULT NULL,
  `ACT10CCDIST` text DEFAULT NULL,
  `ACT11CCDIST` text DEFAULT NULL,
  `ACT1SCDIST` text DEFAULT NULL,
  `ACT2SCDIST` text DEFAULT NULL,
  `ACT3SCDIST` text DEFAULT NULL,
  `ACT4SCDIST` text DEFAULT NULL,
  `ACT5SCDIST` text DEFAULT NULL,
  `ACT6SCDIST` text DEFAULT NULL,
  `ACT7SCDIST` text DEFAULT NULL,
  `ACT8SCDIST` text DEFAULT NULL,
  `ACT9SCDIST` text DEFAULT NULL,
  `ACT10SCDIST` text DEFAULT NULL,
  `ACT11SCDIST` text DEFAULT NULL,
  `ACT1SCNEAR` text DEFAULT NULL,
  `ACT2SCNEAR` text DEFAULT NULL,
  `ACT3SCNEAR` text DEFAULT NULL,
  `ACT4SCNEAR` text DEFAULT NULL,
  `ACT5CCNEAR` text DEFAULT NULL,
  `ACT6CCNEAR` text DEFAULT NULL,
  `ACT7CCNEAR` text DEFAULT NULL,
  `ACT8CCNEAR` text DEFAULT NULL,
  `ACT9CCNEAR` text DEFAULT NULL,
  `ACT10CCNEAR` text DEFAULT NULL,
  `ACT11CCNEAR` text DEFAULT NULL,
  `ACT5SCNEAR` text DEFAULT NULL,
  `ACT6SCNEAR` text DEFAULT NULL,
  `ACT7SCNEAR` text DEFAULT NULL,
  `ACT8SCNEAR` text DEFAULT NULL,
  `ACT9SCNEAR` text DEFAULT NULL,
  `ACT10SCNEAR` text DEFAULT NULL,
  `ACT11SCNEAR` text DEFAULT NULL,
  `ACT1CCNEAR` text DEFAULT NULL,
  `ACT2CCNEAR` text DEFAULT NULL,
  `ACT3CCNEAR` text DEFAULT NULL,
  `ACT4CCNEAR` text DEFAULT NULL,
  `MOTILITYNORMAL` char(3) NOT NULL DEFAULT 'on',
  `MOTILITY_RS` char(1) DEFAULT '0',
  `MOTILITY_RI` char(1) DEFAULT '0',
  `MOTILITY_RR` char(1) DEFAULT '0',
  `MOTILITY_RL` char(1) DEFAULT '0',
  `MOTILITY_LS` char(1) DEFAULT '0',
  `MOTILITY_LI` char(1) DEFAULT '0',
  `MOTILITY_LR` char(1) DEFAULT '0',
  `MOTILITY_LL` char(1) DEFAULT '0',
  `MOTILITY_RRSO` int(1) DEFAULT NULL,
  `MOTILITY_RLSO` int(1) DEFAULT NULL,
  `MOTILITY_RRIO` int(1) DEFAULT NULL,
  `MOTILITY_RLIO` int(1) DEFAULT NULL,
  `MOTILITY_LRSO` int(1) DEFAULT NULL,
  `MOTILITY_LLSO` int(1) DEFAULT NULL,
  `MOTILITY_LRIO` int(1) DEFAULT NULL,
  `MOTILITY_LLIO` int(1) DEFAULT NULL,
  `NEURO_COMMENTS` text DEFAULT NULL,
  `STEREOPSIS` varchar(25) DEFAULT NULL,
  `ODNPA` text DEFAULT NULL,
  `OSNPA` text DEFAULT NULL,
  `VERTFUSAMPS` text DEFAULT NULL,
  `DIVERGENCEAMPS` text DEFAULT NULL,
  `NPC` varchar(10) DEFAULT NULL,
  `DACCDIST` varchar(20) DEFAULT NULL,
  `DACCNEAR` varchar(20) DEFAULT NULL,
  `CACCDIST` varchar(20) DEFAULT NULL,
  `CACCNEAR` varchar(20) DEFAULT NULL,
  `ODCOLOR` text DEFAULT NULL,
  `OSCOLOR` text DEFAULT NULL,
  `ODCOINS` text DEFAULT NULL,
  `OSCOINS` text DEFAULT NULL,
  `ODREDDESAT` varchar(20) DEFAULT NULL,
  `OSREDDESAT` varchar(20) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_postseg
-- hisops:stmt 37 1025 ["table:form_eye_postseg"]
CREATE TABLE `form_eye_postseg` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `ODDISC` text DEFAULT NULL,
  `OSDISC` text DEFAULT NULL,
  `ODCUP` text DEFAULT NULL,
  `OSCUP` text DEFAULT NULL,
  `ODMACULA` text DEFAULT NULL,
  `OSMACULA` text DEFAULT NULL,
  `ODVESSELS` text DEFAULT NULL,
  `OSVESSELS` text DEFAULT NULL,
  `ODVITREOUS` text DEFAULT NULL,
  `OSVITREOUS` text DEFAULT NULL,
  `ODPERIPH` text DEFAULT NULL,
  `OSPERIPH` text DEFAULT NULL,
  `ODCMT` text DEFAULT NULL,
  `OSCMT` text DEFAULT NULL,
  `RETINA_COMMENTS` text DEFAULT NULL,
  `DIL_RISKS` char(2) NOT NULL DEFAULT 'on',
  `DIL_MEDS` mediumtext DEFAULT NULL,
  `WETTYPE` varchar(10) NOT NULL,
  `ATROPINE` varchar(25) NOT NULL,
  `CYCLOMYDRIL` varchar(25) NOT NULL,
  `TROPICAMIDE` varchar(25) NOT NULL,
  `CYCLOGYL` varchar(25) NOT NULL,
  `NEO25` varchar(25) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_refraction
-- hisops:stmt 38 2780 ["table:form_eye_refraction"]
CREATE TABLE `form_eye_refraction` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `MRODSPH` varchar(25) DEFAULT NULL,
  `MRODCYL` varchar(25) DEFAULT NULL,
  `MRODAXIS` varchar(25) DEFAULT NULL,
  `MRODPRISM` varchar(25) DEFAULT NULL,
  `MRODBASE` varchar(25) DEFAULT NULL,
  `MRODADD` varchar(25) DEFAULT NULL,
  `MROSSPH` varchar(25) DEFAULT NULL,
  `MROSCYL` varchar(25) DEFAULT NULL,
  `MROSAXIS` varchar(25) DEFAULT NULL,
  `MROSPRISM` varchar(50) DEFAULT NULL,
  `MROSBASE` varchar(50) DEFAULT NULL,
  `MROSADD` varchar(25) DEFAULT NULL,
  `MRODNEARSPHERE` varchar(25) DEFAULT NULL,
  `MRODNEARCYL` varchar(25) DEFAULT NULL,
  `MRODNEARAXIS` varchar(25) DEFAULT NULL,
  `MRODPRISMNEAR` varchar(50) DEFAULT NULL,
  `MRODBASENEAR` varchar(25) DEFAULT NULL,
  `MROSNEARSHPERE` varchar(25) DEFAULT NULL,
  `MROSNEARCYL` varchar(25) DEFAULT NULL,
  `MROSNEARAXIS` varchar(125) DEFAULT NULL,
  `MROSPRISMNEAR` varchar(50) DEFAULT NULL,
  `MROSBASENEAR` varchar(25) DEFAULT NULL,
  `CRODSPH` varchar(25) DEFAULT NULL,
  `CRODCYL` varchar(25) DEFAULT NULL,
  `CRODAXIS` varchar(25) DEFAULT NULL,
  `CROSSPH` varchar(25) DEFAULT NULL,
  `CROSCYL` varchar(25) DEFAULT NULL,
  `CROSAXIS` varchar(25) DEFAULT NULL,
  `CRCOMMENTS` varchar(255) DEFAULT NULL,
  `BALANCED` char(2) NOT NULL,
  `ARODSPH` varchar(25) DEFAULT NULL,
  `ARODCYL` varchar(25) DEFAULT NULL,
  `ARODAXIS` varchar(25) DEFAULT NULL,
  `AROSSPH` varchar(25) DEFAULT NULL,
  `AROSCYL` varchar(25) DEFAULT NULL,
  `AROSAXIS` varchar(25) DEFAULT NULL,
  `ARODADD` varchar(25) DEFAULT NULL,
  `AROSADD` varchar(25) DEFAULT NULL,
  `ARNEARODVA` varchar(25) DEFAULT NULL,
  `ARNEAROSVA` varchar(25) DEFAULT NULL,
  `ARODPRISM` varchar(50) DEFAULT NULL,
  `AROSPRISM` varchar(50) DEFAULT NULL,
  `CTLODSPH` varchar(25) DEFAULT NULL,
  `CTLODCYL` varchar(25) DEFAULT NULL,
  `CTLODAXIS` varchar(25) DEFAULT NULL,
  `CTLODBC` varchar(25) DEFAULT NULL,
  `CTLODDIAM` varchar(25) DEFAULT NULL,
  `CTLOSSPH` varchar(25) DEFAULT NULL,
  `CTLOSCYL` varchar(25) DEFAULT NULL,
  `CTLOSAXIS` varchar(25) DEFAULT NULL,
  `CTLOSBC` varchar(25) DEFAULT NULL,
  `CTLOSDIAM` varchar(25) DEFAULT NULL,
  `CTL_COMMENTS` text DEFAULT NULL,
  `CTLMANUFACTUREROD` varchar(50) DEFAULT NULL,
  `CTLSUPPLIEROD` varchar(50) DEFAULT NULL,
  `CTLBRANDOD` varchar(50) DEFAULT NULL,
  `CTLMANUFACTUREROS` varchar(50) DEFAULT NULL,
  `CTLSUPPLIEROS` varchar(50) DEFAULT NULL,
  `CTLBRANDOS` varchar(50) DEFAULT NULL,
  `CTLODADD` varchar(25) DEFAULT NULL,
  `CTLOSADD` varchar(25) DEFAULT NULL,
  `NVOCHECKED` varchar(25) DEFAULT NULL,
  `ADDCHECKED` varchar(25) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_ros
-- hisops:stmt 39 666 ["table:form_eye_ros"]
CREATE TABLE `form_eye_ros` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `ROSGENERAL` text DEFAULT NULL,
  `ROSHEENT` text DEFAULT NULL,
  `ROSCV` text DEFAULT NULL,
  `ROSPULM` text DEFAULT NULL,
  `ROSGI` text DEFAULT NULL,
  `ROSGU` text DEFAULT NULL,
  `ROSDERM` text DEFAULT NULL,
  `ROSNEURO` text DEFAULT NULL,
  `ROSPSYCH` text DEFAULT NULL,
  `ROSMUSCULO` text DEFAULT NULL,
  `ROSIMMUNO` text DEFAULT NULL,
  `ROSENDOCRINE` text DEFAULT NULL,
  `ROSCOMMENTS` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_eye_vitals
-- hisops:stmt 40 1157 ["table:form_eye_vitals"]
CREATE TABLE `form_eye_vitals` (
  `id` bigint(20) NOT NULL COMMENT 'Links to forms.form_id',
  `pid` bigint(20) DEFAULT NULL,
  `alert` char(3) DEFAULT 'yes',
  `oriented` char(3) DEFAULT 'TPP',
  `confused` char(3) DEFAULT 'nml',
  `ODIOPAP` varchar(10) DEFAULT NULL,
  `OSIOPAP` varchar(10) DEFAULT NULL,
  `ODIOPTPN` varchar(10) DEFAULT NULL,
  `OSIOPTPN` varchar(10) DEFAULT NULL,
  `ODIOPFTN` varchar(10) DEFAULT NULL,
  `OSIOPFTN` varchar(10) DEFAULT NULL,
  `IOPTIME` time NOT NULL,
  `ODIOPPOST` varchar(10) NOT NULL,
  `OSIOPPOST` varchar(10) NOT NULL,
  `IOPPOSTTIME` time DEFAULT NULL,
  `ODIOPTARGET` varchar(10) NOT NULL,
  `OSIOPTARGET` varchar(10) NOT NULL,
  `AMSLEROD` smallint(1) DEFAULT NULL,
  `AMSLEROS` smallint(1) DEFAULT NULL,
  `ODVF1` tinyint(1) DEFAULT NULL,
  `ODVF2` tinyint(1) DEFAULT NULL,
  `ODVF3` tinyint(1) DEFAULT NULL,
  `ODVF4` tinyint(1) DEFAULT NULL,
  `OSVF1` tinyint(1) DEFAULT NULL,
  `OSVF2` tinyint(1) DEFAULT NULL,
  `OSVF3` tinyint(1) DEFAULT NULL,
  `OSVF4` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `id_pid` (`id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_functional_cognitive_status
-- hisops:stmt 41 546 ["table:form_functional_cognitive_status"]
CREATE TABLE `form_functional_cognitive_status` (
  `id` bigint(20) NOT NULL,
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
  `external_id` varchar(30) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_group_attendance
-- hisops:stmt 42 427 ["table:form_group_attendance"]
CREATE TABLE `form_group_attendance` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` date DEFAULT NULL,
  `group_id` int(11) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `groupname` varchar(255) DEFAULT NULL,
  `authorized` tinyint(4) DEFAULT NULL,
  `encounter_id` int(11) DEFAULT NULL,
  `activity` tinyint(4) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_groups_encounter
-- hisops:stmt 43 1438 ["table:form_groups_encounter"]
CREATE TABLE `form_groups_encounter` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` datetime DEFAULT NULL,
  `reason` longtext DEFAULT NULL,
  `facility` longtext DEFAULT NULL,
  `facility_id` int(11) NOT NULL DEFAULT 0,
  `group_id` bigint(20) DEFAULT NULL,
  `encounter` bigint(20) DEFAULT NULL,
  `onset_date` datetime DEFAULT NULL,
  `sensitivity` varchar(30) DEFAULT NULL,
  `billing_note` text DEFAULT NULL,
  `pc_catid` int(11) NOT NULL DEFAULT 5 COMMENT 'event category from openemr_postcalendar_categories',
  `last_level_billed` int(11) NOT NULL DEFAULT 0 COMMENT '0=none, 1=ins1, 2=ins2, etc',
  `last_level_closed` int(11) NOT NULL DEFAULT 0 COMMENT '0=none, 1=ins1, 2=ins2, etc',
  `last_stmt_date` date DEFAULT NULL,
  `stmt_count` int(11) NOT NULL DEFAULT 0,
  `provider_id` int(11) DEFAULT 0 COMMENT 'default and main provider for this visit',
  `supervisor_id` int(11) DEFAULT 0 COMMENT 'supervising provider, if any, for this visit',
  `invoice_refno` varchar(31) NOT NULL DEFAULT '',
  `referral_source` varchar(31) NOT NULL DEFAULT '',
  `billing_facility` int(11) NOT NULL DEFAULT 0,
  `external_id` varchar(20) DEFAULT NULL,
  `pos_code` tinyint(4) DEFAULT NULL,
  `counselors` varchar(255) DEFAULT NULL,
  `appt_id` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `encounter_date` (`date`),
  KEY `pid_encounter` (`group_id`, `encounter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_observation
-- hisops:stmt 44 669 ["table:form_observation"]
CREATE TABLE `form_observation` (
  `id` bigint(20) NOT NULL,
  `date` date DEFAULT NULL,
  `pid` bigint(20) DEFAULT NULL,
  `encounter` varchar(255) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `groupname` varchar(255) DEFAULT NULL,
  `authorized` tinyint(4) DEFAULT NULL,
  `activity` tinyint(4) DEFAULT NULL,
  `code` varchar(255) DEFAULT NULL,
  `observation` varchar(255) DEFAULT NULL,
  `ob_value` varchar(255) DEFAULT NULL,
  `ob_unit` varchar(255) DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `code_type` varchar(255) DEFAULT NULL,
  `table_code` varchar(255) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table form_taskman
-- hisops:stmt 45 622 ["table:form_taskman"]
CREATE TABLE `form_taskman` (
  `ID` bigint(20) NOT NULL AUTO_INCREMENT,
  `REQ_DATE` datetime NOT NULL,
  `FROM_ID` bigint(20) NOT NULL,
  `TO_ID` bigint(20) NOT NULL,
  `PATIENT_ID` bigint(20) NOT NULL,
  `DOC_TYPE` varchar(20) DEFAULT NULL,
  `DOC_ID` bigint(20) DEFAULT NULL,
  `ENC_ID` bigint(20) DEFAULT NULL,
  `METHOD` varchar(20) NOT NULL,
  `COMPLETED` varchar(1) DEFAULT NULL COMMENT '1 = completed',
  `COMPLETED_DATE` datetime DEFAULT NULL,
  `COMMENT` varchar(50) DEFAULT NULL,
  `USERFIELD_1` varchar(50) DEFAULT NULL,
  PRIMARY KEY (`ID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table immunization_observation
-- hisops:stmt 46 666 ["table:immunization_observation"]
CREATE TABLE `immunization_observation` (
  `imo_id` int(11) NOT NULL AUTO_INCREMENT,
  `imo_im_id` int(11) NOT NULL,
  `imo_pid` int(11) DEFAULT NULL,
  `imo_criteria` varchar(255) DEFAULT NULL,
  `imo_criteria_value` varchar(255) DEFAULT NULL,
  `imo_user` int(11) DEFAULT NULL,
  `imo_code` varchar(255) DEFAULT NULL,
  `imo_codetext` varchar(255) DEFAULT NULL,
  `imo_codetype` varchar(255) DEFAULT NULL,
  `imo_vis_date_published` date DEFAULT NULL,
  `imo_vis_date_presented` date DEFAULT NULL,
  `imo_date_observation` timestamp NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (`imo_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table issue_types
-- hisops:stmt 47 589 ["table:issue_types"]
CREATE TABLE `issue_types` (
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `category` varchar(75) NOT NULL DEFAULT '',
  `type` varchar(75) NOT NULL DEFAULT '',
  `plural` varchar(75) NOT NULL DEFAULT '',
  `singular` varchar(75) NOT NULL DEFAULT '',
  `abbreviation` varchar(75) NOT NULL DEFAULT '',
  `style` smallint(6) NOT NULL DEFAULT 0,
  `force_show` smallint(6) NOT NULL DEFAULT 0,
  `ordering` int(11) NOT NULL DEFAULT 0,
  `aco_spec` varchar(63) NOT NULL DEFAULT 'patients|med',
  PRIMARY KEY (`category`, `type`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table keys
-- hisops:stmt 48 254 ["table:keys"]
CREATE TABLE `keys` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `name` varchar(20) NOT NULL DEFAULT '',
  `value` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table layout_group_properties
-- hisops:stmt 49 1063 ["table:layout_group_properties"]
CREATE TABLE `layout_group_properties` (
  `grp_form_id` varchar(31) NOT NULL,
  `grp_group_id` varchar(31) NOT NULL DEFAULT '' COMMENT 'empty when representing the whole form',
  `grp_title` varchar(63) NOT NULL DEFAULT '' COMMENT 'descriptive name of the form or group',
  `grp_subtitle` varchar(63) NOT NULL DEFAULT '' COMMENT 'for display under the title',
  `grp_mapping` varchar(31) NOT NULL DEFAULT '' COMMENT 'the form category',
  `grp_seq` int(11) NOT NULL DEFAULT 0 COMMENT 'optional order within mapping',
  `grp_activity` tinyint(1) NOT NULL DEFAULT 1,
  `grp_repeats` int(11) NOT NULL DEFAULT 0,
  `grp_columns` int(11) NOT NULL DEFAULT 0,
  `grp_size` int(11) NOT NULL DEFAULT 0,
  `grp_issue_type` varchar(75) NOT NULL DEFAULT '',
  `grp_aco_spec` varchar(63) NOT NULL DEFAULT '',
  `grp_services` varchar(4095) NOT NULL DEFAULT '',
  `grp_products` varchar(4095) NOT NULL DEFAULT '',
  `grp_diags` varchar(4095) NOT NULL DEFAULT '',
  PRIMARY KEY (`grp_form_id`, `grp_group_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table lbt_data
-- hisops:stmt 50 375 ["table:lbt_data"]
CREATE TABLE `lbt_data` (
  `form_id` bigint(20) NOT NULL COMMENT 'references transactions.id',
  `field_id` varchar(31) NOT NULL COMMENT 'references layout_options.field_id',
  `field_value` text DEFAULT NULL,
  PRIMARY KEY (`form_id`, `field_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='contains all data from layout-based transactions';

-- table log_comment_encrypt
-- hisops:stmt 51 367 ["table:log_comment_encrypt"]
CREATE TABLE `log_comment_encrypt` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `log_id` int(11) NOT NULL,
  `encrypt` enum('Yes','No') NOT NULL DEFAULT 'No',
  `checksum` longtext DEFAULT NULL,
  `version` tinyint(4) NOT NULL DEFAULT 0 COMMENT '0 for mycrypt and 1 for openssl',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table log_validator
-- hisops:stmt 52 195 ["table:log_validator"]
CREATE TABLE `log_validator` (
  `log_id` bigint(20) NOT NULL,
  `log_checksum` longtext DEFAULT NULL,
  PRIMARY KEY (`log_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table login_mfa_registrations
-- hisops:stmt 53 462 ["table:login_mfa_registrations"]
CREATE TABLE `login_mfa_registrations` (
  `user_id` bigint(20) NOT NULL,
  `name` varchar(30) NOT NULL,
  `last_challenge` datetime DEFAULT NULL,
  `method` varchar(31) NOT NULL COMMENT 'Q&A, U2F, TOTP etc.',
  `var1` varchar(4096) NOT NULL DEFAULT '' COMMENT 'Question, U2F registration etc.',
  `var2` varchar(256) NOT NULL DEFAULT '' COMMENT 'Answer etc.',
  PRIMARY KEY (`user_id`, `name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table medex_icons
-- hisops:stmt 54 344 ["table:medex_icons"]
CREATE TABLE `medex_icons` (
  `i_UID` int(11) NOT NULL AUTO_INCREMENT,
  `msg_type` varchar(50) NOT NULL,
  `msg_status` varchar(10) NOT NULL,
  `i_description` varchar(255) DEFAULT NULL,
  `i_html` text DEFAULT NULL,
  `i_blob` longtext DEFAULT NULL,
  PRIMARY KEY (`i_UID`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table medex_outgoing
-- hisops:stmt 55 555 ["table:medex_outgoing"]
CREATE TABLE `medex_outgoing` (
  `msg_uid` int(11) NOT NULL AUTO_INCREMENT,
  `msg_pid` int(11) NOT NULL,
  `msg_pc_eid` varchar(11) NOT NULL,
  `campaign_uid` int(11) NOT NULL DEFAULT 0,
  `msg_date` timestamp NOT NULL DEFAULT current_timestamp(),
  `msg_type` varchar(50) NOT NULL,
  `msg_reply` varchar(50) DEFAULT NULL,
  `msg_extra_text` text DEFAULT NULL,
  `medex_uid` int(11) DEFAULT NULL,
  PRIMARY KEY (`msg_uid`),
  UNIQUE KEY `msg_eid` (`msg_uid`, `msg_pc_eid`, `medex_uid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table medex_prefs
-- hisops:stmt 56 850 ["table:medex_prefs"]
CREATE TABLE `medex_prefs` (
  `MedEx_id` int(11) DEFAULT 0,
  `ME_username` varchar(100) DEFAULT NULL,
  `ME_api_key` text DEFAULT NULL,
  `ME_facilities` varchar(50) DEFAULT NULL,
  `ME_providers` varchar(100) DEFAULT NULL,
  `ME_hipaa_default_override` varchar(3) DEFAULT NULL,
  `PHONE_country_code` int(4) NOT NULL DEFAULT 1,
  `MSGS_default_yes` varchar(3) DEFAULT NULL,
  `POSTCARDS_local` varchar(3) DEFAULT NULL,
  `POSTCARDS_remote` varchar(3) DEFAULT NULL,
  `LABELS_local` varchar(3) DEFAULT NULL,
  `LABELS_choice` varchar(50) DEFAULT NULL,
  `combine_time` tinyint(4) DEFAULT NULL,
  `postcard_top` varchar(255) DEFAULT NULL,
  `status` text DEFAULT NULL,
  `MedEx_lastupdated` timestamp NOT NULL DEFAULT current_timestamp(),
  UNIQUE KEY `ME_username` (`ME_username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table medex_recalls
-- hisops:stmt 57 570 ["table:medex_recalls"]
CREATE TABLE `medex_recalls` (
  `r_ID` int(11) NOT NULL AUTO_INCREMENT,
  `r_PRACTID` int(11) NOT NULL,
  `r_pid` int(11) NOT NULL COMMENT 'PatientID from pat_data',
  `r_eventDate` date NOT NULL COMMENT 'Date of Appt or Recall',
  `r_facility` int(11) NOT NULL,
  `r_provider` int(11) NOT NULL,
  `r_reason` varchar(255) DEFAULT NULL,
  `r_created` timestamp NOT NULL DEFAULT '0000-00-00 00:00:00' ON UPDATE current_timestamp(),
  PRIMARY KEY (`r_ID`),
  UNIQUE KEY `r_PRACTID` (`r_PRACTID`, `r_pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table misc_address_book
-- hisops:stmt 58 455 ["table:misc_address_book"]
CREATE TABLE `misc_address_book` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `fname` varchar(255) DEFAULT NULL,
  `mname` varchar(255) DEFAULT NULL,
  `lname` varchar(255) DEFAULT NULL,
  `street` varchar(60) DEFAULT NULL,
  `city` varchar(30) DEFAULT NULL,
  `state` varchar(30) DEFAULT NULL,
  `zip` varchar(20) DEFAULT NULL,
  `phone` varchar(30) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table module_acl_group_settings
-- hisops:stmt 59 297 ["table:module_acl_group_settings"]
CREATE TABLE `module_acl_group_settings` (
  `module_id` int(11) NOT NULL,
  `group_id` int(11) NOT NULL,
  `section_id` int(11) NOT NULL,
  `allowed` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`module_id`, `group_id`, `section_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table module_acl_sections
-- hisops:stmt 60 310 ["table:module_acl_sections"]
CREATE TABLE `module_acl_sections` (
  `section_id` int(11) DEFAULT NULL,
  `section_name` varchar(255) DEFAULT NULL,
  `parent_section` int(11) DEFAULT NULL,
  `section_identifier` varchar(50) DEFAULT NULL,
  `module_id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table module_acl_user_settings
-- hisops:stmt 61 290 ["table:module_acl_user_settings"]
CREATE TABLE `module_acl_user_settings` (
  `module_id` int(11) NOT NULL,
  `user_id` int(11) NOT NULL,
  `section_id` int(11) NOT NULL,
  `allowed` int(1) DEFAULT NULL,
  PRIMARY KEY (`module_id`, `user_id`, `section_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table module_configuration
-- hisops:stmt 62 320 ["table:module_configuration"]
CREATE TABLE `module_configuration` (
  `module_config_id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `module_id` int(10) unsigned NOT NULL,
  `field_name` varchar(45) NOT NULL,
  `field_value` varchar(255) NOT NULL,
  PRIMARY KEY (`module_config_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table modules
-- hisops:stmt 63 967 ["table:modules"]
CREATE TABLE `modules` (
  `mod_id` int(11) NOT NULL AUTO_INCREMENT,
  `mod_name` varchar(64) NOT NULL DEFAULT '0',
  `mod_directory` varchar(64) NOT NULL DEFAULT '',
  `mod_parent` varchar(64) NOT NULL DEFAULT '',
  `mod_type` varchar(64) NOT NULL DEFAULT '',
  `mod_active` int(1) unsigned NOT NULL DEFAULT 0,
  `mod_ui_name` varchar(20) NOT NULL DEFAULT '''',
  `mod_relative_link` varchar(64) NOT NULL DEFAULT '',
  `mod_ui_order` tinyint(3) NOT NULL DEFAULT 0,
  `mod_ui_active` int(1) unsigned NOT NULL DEFAULT 0,
  `mod_description` varchar(255) NOT NULL DEFAULT '',
  `mod_nick_name` varchar(25) NOT NULL DEFAULT '',
  `mod_enc_menu` varchar(10) NOT NULL DEFAULT 'no',
  `permissions_item_table` char(100) DEFAULT NULL,
  `directory` varchar(255) NOT NULL,
  `date` datetime NOT NULL,
  `sql_run` tinyint(4) DEFAULT 0,
  `type` tinyint(4) DEFAULT 0,
  PRIMARY KEY (`mod_id`, `mod_directory`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table modules_hooks_settings
-- hisops:stmt 64 288 ["table:modules_hooks_settings"]
CREATE TABLE `modules_hooks_settings` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `mod_id` int(11) DEFAULT NULL,
  `enabled_hooks` varchar(255) DEFAULT NULL,
  `attached_to` varchar(45) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table modules_settings
-- hisops:stmt 65 330 ["table:modules_settings"]
CREATE TABLE `modules_settings` (
  `mod_id` int(11) DEFAULT NULL,
  `fld_type` smallint(6) DEFAULT NULL COMMENT '1=>ACL,2=>preferences,3=>hooks',
  `obj_name` varchar(255) DEFAULT NULL,
  `menu_name` varchar(255) DEFAULT NULL,
  `path` varchar(255) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table multiple_db
-- hisops:stmt 66 519 ["table:multiple_db"]
CREATE TABLE `multiple_db` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `namespace` varchar(255) NOT NULL,
  `username` varchar(255) NOT NULL,
  `password` text DEFAULT NULL,
  `dbname` varchar(255) NOT NULL,
  `host` varchar(255) NOT NULL DEFAULT 'localhost',
  `port` smallint(4) NOT NULL DEFAULT 3306,
  `date` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `namespace` (`namespace`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table onsite_documents
-- hisops:stmt 67 1027 ["table:onsite_documents"]
CREATE TABLE `onsite_documents` (
  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `pid` bigint(20) unsigned DEFAULT NULL,
  `facility` int(10) unsigned DEFAULT NULL,
  `provider` int(10) unsigned DEFAULT NULL,
  `encounter` int(10) unsigned DEFAULT NULL,
  `create_date` timestamp NOT NULL DEFAULT current_timestamp(),
  `doc_type` varchar(255) NOT NULL,
  `patient_signed_status` smallint(5) unsigned NOT NULL,
  `patient_signed_time` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `authorize_signed_time` datetime DEFAULT NULL,
  `accept_signed_status` smallint(5) NOT NULL,
  `authorizing_signator` varchar(50) NOT NULL,
  `review_date` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `denial_reason` varchar(255) NOT NULL,
  `authorized_signature` text DEFAULT NULL,
  `patient_signature` text DEFAULT NULL,
  `full_document` mediumblob DEFAULT NULL,
  `file_name` varchar(255) NOT NULL,
  `file_path` varchar(255) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table onsite_mail
-- hisops:stmt 68 1126 ["table:onsite_mail"]
CREATE TABLE `onsite_mail` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` datetime DEFAULT NULL,
  `owner` varchar(128) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `groupname` varchar(255) DEFAULT NULL,
  `activity` tinyint(4) DEFAULT NULL,
  `authorized` tinyint(4) DEFAULT NULL,
  `header` varchar(255) DEFAULT NULL,
  `title` varchar(255) DEFAULT NULL,
  `body` longtext DEFAULT NULL,
  `recipient_id` varchar(128) DEFAULT NULL,
  `recipient_name` varchar(255) DEFAULT NULL,
  `sender_id` varchar(128) DEFAULT NULL,
  `sender_name` varchar(255) DEFAULT NULL,
  `assigned_to` varchar(255) DEFAULT NULL,
  `deleted` tinyint(4) DEFAULT 0 COMMENT 'flag indicates note is deleted',
  `delete_date` datetime DEFAULT NULL,
  `mtype` varchar(128) DEFAULT NULL,
  `message_status` varchar(20) NOT NULL DEFAULT 'New',
  `mail_chain` int(11) DEFAULT NULL,
  `reply_mail_chain` int(11) DEFAULT NULL,
  `is_msg_encrypted` tinyint(2) DEFAULT 0 COMMENT 'Whether messsage encrypted 0-Not encrypted, 1-Encrypted',
  PRIMARY KEY (`id`),
  KEY `pid` (`owner`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table onsite_messages
-- hisops:stmt 69 438 ["table:onsite_messages"]
CREATE TABLE `onsite_messages` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `username` varchar(64) NOT NULL,
  `message` longtext DEFAULT NULL,
  `ip` varchar(15) NOT NULL,
  `date` datetime NOT NULL,
  `sender_id` varchar(64) DEFAULT NULL COMMENT 'who sent id',
  `recip_id` varchar(255) NOT NULL COMMENT 'who to id array',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Portal messages';

-- table onsite_online
-- hisops:stmt 70 293 ["table:onsite_online"]
CREATE TABLE `onsite_online` (
  `hash` varchar(32) NOT NULL,
  `ip` varchar(15) NOT NULL,
  `last_update` datetime NOT NULL,
  `username` varchar(64) NOT NULL,
  `userid` int(11) unsigned DEFAULT NULL,
  PRIMARY KEY (`hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table onsite_portal_activity
-- hisops:stmt 71 708 ["table:onsite_portal_activity"]
CREATE TABLE `onsite_portal_activity` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` datetime DEFAULT NULL,
  `patient_id` bigint(20) DEFAULT NULL,
  `activity` varchar(255) DEFAULT NULL,
  `require_audit` tinyint(1) DEFAULT 1,
  `pending_action` varchar(255) DEFAULT NULL,
  `action_taken` varchar(255) DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `narrative` longtext DEFAULT NULL,
  `table_action` longtext DEFAULT NULL,
  `table_args` longtext DEFAULT NULL,
  `action_user` int(11) DEFAULT NULL,
  `action_taken_time` datetime DEFAULT NULL,
  `checksum` longtext DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `date` (`date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table onsite_signatures
-- hisops:stmt 72 736 ["table:onsite_signatures"]
CREATE TABLE `onsite_signatures` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `status` varchar(128) NOT NULL DEFAULT 'waiting',
  `type` varchar(128) NOT NULL,
  `created` int(11) NOT NULL,
  `lastmod` datetime NOT NULL,
  `pid` bigint(20) DEFAULT NULL,
  `encounter` int(11) DEFAULT NULL,
  `user` varchar(255) DEFAULT NULL,
  `activity` tinyint(4) NOT NULL DEFAULT 0,
  `authorized` tinyint(4) DEFAULT NULL,
  `signator` varchar(255) NOT NULL,
  `sig_image` text DEFAULT NULL,
  `signature` text DEFAULT NULL,
  `sig_hash` varchar(128) NOT NULL,
  `ip` varchar(46) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `encounter` (`encounter`),
  UNIQUE KEY `pid` (`pid`, `user`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_birthday_alert
-- hisops:stmt 73 255 ["table:patient_birthday_alert"]
CREATE TABLE `patient_birthday_alert` (
  `pid` bigint(20) NOT NULL DEFAULT 0,
  `user_id` bigint(20) NOT NULL DEFAULT 0,
  `turned_off_on` date NOT NULL,
  PRIMARY KEY (`pid`, `user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_portal_menu
-- hisops:stmt 74 379 ["table:patient_portal_menu"]
CREATE TABLE `patient_portal_menu` (
  `patient_portal_menu_id` int(11) NOT NULL AUTO_INCREMENT,
  `patient_portal_menu_group_id` int(11) DEFAULT NULL,
  `menu_name` varchar(40) DEFAULT NULL,
  `menu_order` smallint(4) DEFAULT NULL,
  `menu_status` tinyint(2) DEFAULT 1,
  PRIMARY KEY (`patient_portal_menu_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_tracker
-- hisops:stmt 75 817 ["table:patient_tracker"]
CREATE TABLE `patient_tracker` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `date` datetime DEFAULT NULL,
  `apptdate` date DEFAULT NULL,
  `appttime` time DEFAULT NULL,
  `eid` bigint(20) NOT NULL DEFAULT 0,
  `pid` bigint(20) NOT NULL DEFAULT 0,
  `original_user` varchar(255) NOT NULL DEFAULT '' COMMENT 'This is the user that created the original record',
  `encounter` bigint(20) NOT NULL DEFAULT 0,
  `lastseq` varchar(4) NOT NULL DEFAULT '' COMMENT 'The element file should contain this number of elements',
  `random_drug_test` tinyint(1) DEFAULT NULL COMMENT 'NULL if not randomized. If randomized, 0 is no, 1 is yes',
  `drug_screen_completed` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `eid` (`eid`),
  KEY `pid` (`pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table patient_tracker_element
-- hisops:stmt 76 590 ["table:patient_tracker_element"]
CREATE TABLE `patient_tracker_element` (
  `pt_tracker_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'maps to id column in patient_tracker table',
  `start_datetime` datetime DEFAULT NULL,
  `room` varchar(20) NOT NULL DEFAULT '',
  `status` varchar(31) NOT NULL DEFAULT '',
  `seq` varchar(4) NOT NULL DEFAULT '' COMMENT 'This is a numerical sequence for this pt_tracker_id events',
  `user` varchar(255) NOT NULL DEFAULT '' COMMENT 'This is the user that created this element',
  KEY `pt_tracker_id` (`pt_tracker_id`, `seq`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table procedure_answers
-- hisops:stmt 77 701 ["table:procedure_answers"]
CREATE TABLE `procedure_answers` (
  `procedure_order_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references procedure_order.procedure_order_id',
  `procedure_order_seq` int(11) NOT NULL DEFAULT 0 COMMENT 'references procedure_order_code.procedure_order_seq',
  `question_code` varchar(31) NOT NULL DEFAULT '' COMMENT 'references procedure_questions.question_code',
  `answer_seq` int(11) NOT NULL COMMENT 'supports multiple-choice questions. answer_seq, incremented in code',
  `answer` varchar(255) NOT NULL DEFAULT '' COMMENT 'answer data',
  PRIMARY KEY (`procedure_order_id`, `procedure_order_seq`, `question_code`, `answer_seq`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table procedure_order_code
-- hisops:stmt 78 940 ["table:procedure_order_code"]
CREATE TABLE `procedure_order_code` (
  `procedure_order_id` bigint(20) NOT NULL COMMENT 'references procedure_order.procedure_order_id',
  `procedure_order_seq` int(11) NOT NULL COMMENT 'Supports multiple tests per order. Procedure_order_seq, incremented in code',
  `procedure_code` varchar(31) NOT NULL DEFAULT '' COMMENT 'like procedure_type.procedure_code',
  `procedure_name` varchar(255) NOT NULL DEFAULT '' COMMENT 'descriptive name of the procedure code',
  `procedure_source` char(1) NOT NULL DEFAULT '1' COMMENT '1=original order, 2=added after order sent',
  `diagnoses` text DEFAULT NULL COMMENT 'diagnoses and maybe other coding (e.g. ICD9:111.11)',
  `do_not_send` tinyint(1) NOT NULL DEFAULT 0 COMMENT '0 = normal, 1 = do not transmit to lab',
  `procedure_order_title` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`procedure_order_id`, `procedure_order_seq`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table procedure_providers
-- hisops:stmt 79 1159 ["table:procedure_providers"]
CREATE TABLE `procedure_providers` (
  `ppid` bigint(20) NOT NULL AUTO_INCREMENT,
  `name` varchar(255) NOT NULL DEFAULT '',
  `npi` varchar(15) NOT NULL DEFAULT '',
  `send_app_id` varchar(255) NOT NULL DEFAULT '' COMMENT 'Sending application ID (MSH-3.1)',
  `send_fac_id` varchar(255) NOT NULL DEFAULT '' COMMENT 'Sending facility ID (MSH-4.1)',
  `recv_app_id` varchar(255) NOT NULL DEFAULT '' COMMENT 'Receiving application ID (MSH-5.1)',
  `recv_fac_id` varchar(255) NOT NULL DEFAULT '' COMMENT 'Receiving facility ID (MSH-6.1)',
  `DorP` char(1) NOT NULL DEFAULT 'D' COMMENT 'Debugging or Production (MSH-11)',
  `direction` char(1) NOT NULL DEFAULT 'B' COMMENT 'Bidirectional or Results-only',
  `protocol` varchar(15) NOT NULL DEFAULT 'DL',
  `remote_host` varchar(255) NOT NULL DEFAULT '',
  `login` varchar(255) NOT NULL DEFAULT '',
  `password` varchar(255) NOT NULL DEFAULT '',
  `orders_path` varchar(255) NOT NULL DEFAULT '',
  `results_path` varchar(255) NOT NULL DEFAULT '',
  `notes` text DEFAULT NULL,
  `lab_director` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`ppid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table procedure_questions
-- hisops:stmt 80 1189 ["table:procedure_questions"]
CREATE TABLE `procedure_questions` (
  `lab_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references procedure_providers.ppid to identify the lab',
  `procedure_code` varchar(31) NOT NULL DEFAULT '' COMMENT 'references procedure_type.procedure_code to identify this order type',
  `question_code` varchar(31) NOT NULL DEFAULT '' COMMENT 'code identifying this question',
  `seq` int(11) NOT NULL DEFAULT 0 COMMENT 'sequence number for ordering',
  `question_text` varchar(255) NOT NULL DEFAULT '' COMMENT 'descriptive text for question_code',
  `required` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 = required, 0 = not',
  `maxsize` int(11) NOT NULL DEFAULT 0 COMMENT 'maximum length if text input field',
  `fldtype` char(1) NOT NULL DEFAULT 'T' COMMENT 'Text, Number, Select, Multiselect, Date, Gestational-age',
  `options` text DEFAULT NULL COMMENT 'choices for fldtype S and T',
  `tips` varchar(255) NOT NULL DEFAULT '' COMMENT 'Additional instructions for answering the question',
  `activity` tinyint(1) NOT NULL DEFAULT 1 COMMENT '1 = active, 0 = inactive',
  PRIMARY KEY (`lab_id`, `procedure_code`, `question_code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table product_registration
-- hisops:stmt 81 263 ["table:product_registration"]
CREATE TABLE `product_registration` (
  `registration_id` char(36) NOT NULL DEFAULT '',
  `email` varchar(255) DEFAULT NULL,
  `opt_out` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`registration_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table report_itemized
-- hisops:stmt 82 462 ["table:report_itemized"]
CREATE TABLE `report_itemized` (
  `report_id` bigint(20) NOT NULL,
  `itemized_test_id` smallint(6) NOT NULL,
  `numerator_label` varchar(25) NOT NULL DEFAULT '' COMMENT 'Only used in special cases',
  `pass` tinyint(1) NOT NULL DEFAULT 0 COMMENT '0 is fail, 1 is pass, 2 is excluded',
  `pid` bigint(20) NOT NULL,
  KEY `report_id` (`report_id`, `itemized_test_id`, `numerator_label`, `pass`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table report_results
-- hisops:stmt 83 255 ["table:report_results"]
CREATE TABLE `report_results` (
  `report_id` bigint(20) NOT NULL,
  `field_id` varchar(31) NOT NULL DEFAULT '',
  `field_value` text DEFAULT NULL,
  PRIMARY KEY (`report_id`, `field_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table shared_attributes
-- hisops:stmt 84 517 ["table:shared_attributes"]
CREATE TABLE `shared_attributes` (
  `pid` bigint(20) NOT NULL,
  `encounter` bigint(20) NOT NULL COMMENT '0 if patient attribute, else encounter attribute',
  `field_id` varchar(31) NOT NULL COMMENT 'references layout_options.field_id',
  `last_update` datetime NOT NULL COMMENT 'time of last update',
  `user_id` bigint(20) NOT NULL COMMENT 'user who last updated',
  `field_value` text DEFAULT NULL,
  PRIMARY KEY (`pid`, `encounter`, `field_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table therapy_groups
-- hisops:stmt 85 489 ["table:therapy_groups"]
CREATE TABLE `therapy_groups` (
  `group_id` int(11) NOT NULL AUTO_INCREMENT,
  `group_name` varchar(255) NOT NULL,
  `group_start_date` date NOT NULL,
  `group_end_date` date DEFAULT NULL,
  `group_type` tinyint(4) NOT NULL,
  `group_participation` tinyint(4) NOT NULL,
  `group_status` int(11) NOT NULL,
  `group_notes` text DEFAULT NULL,
  `group_guest_counselors` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`group_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table therapy_groups_counselors
-- hisops:stmt 86 209 ["table:therapy_groups_counselors"]
CREATE TABLE `therapy_groups_counselors` (
  `group_id` int(11) NOT NULL,
  `user_id` int(11) NOT NULL,
  PRIMARY KEY (`group_id`, `user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table therapy_groups_participant_attendance
-- hisops:stmt 87 314 ["table:therapy_groups_participant_attendance"]
CREATE TABLE `therapy_groups_participant_attendance` (
  `form_id` int(11) NOT NULL,
  `pid` bigint(20) NOT NULL,
  `meeting_patient_comment` text DEFAULT NULL,
  `meeting_patient_status` varchar(15) DEFAULT NULL,
  PRIMARY KEY (`form_id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table therapy_groups_participants
-- hisops:stmt 88 374 ["table:therapy_groups_participants"]
CREATE TABLE `therapy_groups_participants` (
  `group_id` int(11) NOT NULL,
  `pid` bigint(20) NOT NULL,
  `group_patient_status` int(11) NOT NULL,
  `group_patient_start` date NOT NULL,
  `group_patient_end` date DEFAULT NULL,
  `group_patient_comment` text DEFAULT NULL,
  PRIMARY KEY (`group_id`, `pid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table users_secure
-- hisops:stmt 89 723 ["table:users_secure"]
CREATE TABLE `users_secure` (
  `id` bigint(20) NOT NULL,
  `username` varchar(255) DEFAULT NULL,
  `password` varchar(255) DEFAULT NULL,
  `salt` varchar(255) DEFAULT NULL,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `password_history1` varchar(255) DEFAULT NULL,
  `salt_history1` varchar(255) DEFAULT NULL,
  `password_history2` varchar(255) DEFAULT NULL,
  `salt_history2` varchar(255) DEFAULT NULL,
  `last_challenge_response` datetime DEFAULT NULL,
  `login_work_area` text DEFAULT NULL,
  `login_fail_counter` int(11) DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `USERNAME_ID` (`id`, `username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table valueset
-- hisops:stmt 90 456 ["table:valueset"]
CREATE TABLE `valueset` (
  `nqf_code` varchar(255) NOT NULL DEFAULT '',
  `code` varchar(255) NOT NULL DEFAULT '',
  `code_system` varchar(255) NOT NULL DEFAULT '',
  `code_type` varchar(255) DEFAULT NULL,
  `valueset` varchar(255) NOT NULL DEFAULT '',
  `description` varchar(255) DEFAULT NULL,
  `valueset_name` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`nqf_code`, `code`, `valueset`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table voids
-- hisops:stmt 91 1020 ["table:voids"]
CREATE TABLE `voids` (
  `void_id` bigint(20) NOT NULL AUTO_INCREMENT,
  `patient_id` bigint(20) NOT NULL COMMENT 'references patient_data.pid',
  `encounter_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references form_encounter.encounter',
  `what_voided` varchar(31) NOT NULL COMMENT 'checkout,receipt and maybe other options later',
  `date_original` datetime DEFAULT NULL COMMENT 'time of original action that is now voided',
  `date_voided` datetime NOT NULL COMMENT 'time of void action',
  `user_id` bigint(20) NOT NULL COMMENT 'references users.id',
  `amount1` decimal(12,2) NOT NULL DEFAULT 0 COMMENT 'for checkout,receipt total voided adjustments',
  `amount2` decimal(12,2) NOT NULL DEFAULT 0 COMMENT 'for checkout,receipt total voided payments',
  `other_info` text DEFAULT NULL COMMENT 'for checkout,receipt the old invoice refno',
  PRIMARY KEY (`void_id`),
  KEY `datevoided` (`date_voided`),
  KEY `pidenc` (`patient_id`, `encounter_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;

-- table addresses (engine)
-- hisops:stmt 92 40 ["table:addresses"]
ALTER TABLE `addresses`
  ENGINE=InnoDB;

-- table amc_misc_data (engine); column amc_misc_data.soc_provided
-- hisops:stmt 93 118 ["table:amc_misc_data"]
ALTER TABLE `amc_misc_data`
  ENGINE=InnoDB,
  ADD COLUMN `soc_provided` datetime DEFAULT NULL AFTER `date_completed`;

-- column ar_activity.sequence_no (autoIncrement, comment); column ar_activity.code (type); column ar_activity.follow_up_note (nullable)
-- hisops:stmt 94 270 ["table:ar_activity"]
ALTER TABLE `ar_activity`
  MODIFY COLUMN `sequence_no` int(10) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Ar_activity sequence_no, incremented in code',
  MODIFY COLUMN `code` varchar(20) NOT NULL COMMENT 'empty means claim level',
  MODIFY COLUMN `follow_up_note` text;

-- table ar_session (engine); column ar_session.description (nullable); column ar_session.patient_id (type)
-- hisops:stmt 95 127 ["table:ar_session"]
ALTER TABLE `ar_session`
  ENGINE=InnoDB,
  MODIFY COLUMN `description` text,
  MODIFY COLUMN `patient_id` bigint(20) NOT NULL;

-- table audit_details (engine); column audit_details.field_value (nullable)
-- hisops:stmt 96 119 ["table:audit_details"]
ALTER TABLE `audit_details`
  ENGINE=InnoDB,
  MODIFY COLUMN `field_value` text COMMENT 'openemr table''s field value';

-- table audit_master (engine); column audit_master.comments (nullable); column audit_master.type (comment)
-- hisops:stmt 97 241 ["table:audit_master"]
ALTER TABLE `audit_master`
  ENGINE=InnoDB,
  MODIFY COLUMN `comments` text,
  MODIFY COLUMN `type` tinyint(4) NOT NULL COMMENT '1-new patient,2-existing patient,3-change is only in the document,4-Patient upload,5-random key,10-Appointment';

-- column automatic_notification.message (nullable)
-- hisops:stmt 98 68 ["table:automatic_notification"]
ALTER TABLE `automatic_notification`
  MODIFY COLUMN `message` text;

-- table batchcom (engine); column batchcom.patient_id (type)
-- hisops:stmt 99 99 ["table:batchcom"]
ALTER TABLE `batchcom`
  ENGINE=InnoDB,
  MODIFY COLUMN `patient_id` bigint(20) NOT NULL DEFAULT 0;

-- table billing (engine); column billing.code (type); column billing.pid (type); column billing.units (type); column billing.external_id; column billing.pricelevel; column billing.revenue_code
-- hisops:stmt 100 428 ["table:billing"]
ALTER TABLE `billing`
  ENGINE=InnoDB,
  MODIFY COLUMN `code` varchar(20) DEFAULT NULL,
  MODIFY COLUMN `pid` bigint(20) DEFAULT NULL,
  MODIFY COLUMN `units` int(11) DEFAULT NULL,
  ADD COLUMN `external_id` varchar(20) DEFAULT NULL AFTER `notecodes`,
  ADD COLUMN `pricelevel` varchar(31) DEFAULT '' AFTER `external_id`,
  ADD COLUMN `revenue_code` varchar(6) NOT NULL DEFAULT '' COMMENT 'Item revenue code' AFTER `pricelevel`;

-- table categories (engine); column categories.aco_spec
-- hisops:stmt 101 124 ["table:categories"]
ALTER TABLE `categories`
  ENGINE=InnoDB,
  ADD COLUMN `aco_spec` varchar(63) NOT NULL DEFAULT 'patients|docs' AFTER `rght`;

-- table categories_seq (engine)
-- hisops:stmt 102 45 ["table:categories_seq"]
ALTER TABLE `categories_seq`
  ENGINE=InnoDB;

-- table categories_to_documents (engine)
-- hisops:stmt 103 54 ["table:categories_to_documents"]
ALTER TABLE `categories_to_documents`
  ENGINE=InnoDB;

-- table chart_tracker (engine)
-- hisops:stmt 104 44 ["table:chart_tracker"]
ALTER TABLE `chart_tracker`
  ENGINE=InnoDB;

-- column claims.patient_id (type); column claims.version (autoIncrement, comment); column claims.submitted_claim
-- hisops:stmt 105 294 ["table:claims"]
ALTER TABLE `claims`
  MODIFY COLUMN `patient_id` bigint(20) NOT NULL,
  MODIFY COLUMN `version` int(10) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Claim version, incremented in code',
  ADD COLUMN `submitted_claim` text DEFAULT NULL COMMENT 'This claims form claim data' AFTER `x12_partner_id`;

-- table clinical_plans (engine); column clinical_plans.cqm_2011_flag; column clinical_plans.cqm_2014_flag
-- hisops:stmt 106 350 ["table:clinical_plans"]
ALTER TABLE `clinical_plans`
  ENGINE=InnoDB,
  ADD COLUMN `cqm_2011_flag` tinyint(1) DEFAULT NULL COMMENT '2011 Clinical Quality Measure flag (unable to customize per patient)' AFTER `cqm_flag`,
  ADD COLUMN `cqm_2014_flag` tinyint(1) DEFAULT NULL COMMENT '2014 Clinical Quality Measure flag (unable to customize per patient)' AFTER `cqm_2011_flag`;

-- table clinical_plans_rules (engine)
-- hisops:stmt 107 51 ["table:clinical_plans_rules"]
ALTER TABLE `clinical_plans_rules`
  ENGINE=InnoDB;

-- table clinical_rules (engine); column clinical_rules.cqm_2011_flag; column clinical_rules.cqm_2014_flag; column clinical_rules.amc_2011_flag; column clinical_rules.amc_2014_flag; column clinical_rules.amc_code_2014; column clinical_rules.amc_2014_stage1_flag; column clinical_rules.amc_2014_stage2…
-- hisops:stmt 108 1821 ["table:clinical_rules"]
ALTER TABLE `clinical_rules`
  ENGINE=InnoDB,
  ADD COLUMN `cqm_2011_flag` tinyint(1) DEFAULT NULL COMMENT '2011 Clinical Quality Measure flag (unable to customize per patient)' AFTER `cqm_flag`,
  ADD COLUMN `cqm_2014_flag` tinyint(1) DEFAULT NULL COMMENT '2014 Clinical Quality Measure flag (unable to customize per patient)' AFTER `cqm_2011_flag`,
  ADD COLUMN `amc_2011_flag` tinyint(1) DEFAULT NULL COMMENT '2011 Automated Measure Calculation flag for (unable to customize per patient)' AFTER `amc_flag`,
  ADD COLUMN `amc_2014_flag` tinyint(1) DEFAULT NULL COMMENT '2014 Automated Measure Calculation flag for (unable to customize per patient)' AFTER `amc_2011_flag`,
  ADD COLUMN `amc_code_2014` varchar(30) NOT NULL DEFAULT '' COMMENT 'Automated Measure Calculation 2014 indentifier (MU rule)' AFTER `amc_code`,
  ADD COLUMN `amc_2014_stage1_flag` tinyint(1) DEFAULT NULL COMMENT '2014 Stage 1 - Automated Measure Calculation flag for (unable to customize per patient)' AFTER `amc_code_2014`,
  ADD COLUMN `amc_2014_stage2_flag` tinyint(1) DEFAULT NULL COMMENT '2014 Stage 2 - Automated Measure Calculation flag for (unable to customize per patient)' AFTER `amc_2014_stage1_flag`,
  ADD COLUMN `developer` varchar(255) NOT NULL DEFAULT '' COMMENT 'Clinical Rule Developer' AFTER `patient_reminder_flag`,
  ADD COLUMN `funding_source` varchar(255) NOT NULL DEFAULT '' COMMENT 'Clinical Rule Funding Source' AFTER `developer`,
  ADD COLUMN `release_version` varchar(255) NOT NULL DEFAULT '' COMMENT 'Clinical Rule Release Version' AFTER `funding_source`,
  ADD COLUMN `web_reference` varchar(255) NOT NULL DEFAULT '' COMMENT 'Clinical Rule Web Reference' AFTER `release_version`,
  ADD COLUMN `access_control` varchar(255) NOT NULL DEFAULT 'patients:med' COMMENT 'ACO link for access control' AFTER `web_reference`;

-- table code_types (engine); column code_types.ct_term; column code_types.ct_problem; column code_types.ct_drug
-- hisops:stmt 109 409 ["table:code_types"]
ALTER TABLE `code_types`
  ENGINE=InnoDB,
  ADD COLUMN `ct_term` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 if this is a clinical term' AFTER `ct_proc`,
  ADD COLUMN `ct_problem` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 if this code type is used as a medical problem' AFTER `ct_term`,
  ADD COLUMN `ct_drug` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 if this code type is used as a medication' AFTER `ct_problem`;

-- table codes (engine); column codes.code (type); column codes.units (type); column codes.revenue_code
-- hisops:stmt 110 254 ["table:codes"]
ALTER TABLE `codes`
  ENGINE=InnoDB,
  MODIFY COLUMN `code` varchar(25) NOT NULL DEFAULT '',
  MODIFY COLUMN `units` int(11) DEFAULT NULL,
  ADD COLUMN `revenue_code` varchar(6) NOT NULL DEFAULT '' COMMENT 'Item revenue code' AFTER `financial_reporting`;

-- column customlists.cl_list_item_long (nullable)
-- hisops:stmt 111 67 ["table:customlists"]
ALTER TABLE `customlists`
  MODIFY COLUMN `cl_list_item_long` text;

-- table dated_reminders (engine); column dated_reminders.pid (type)
-- hisops:stmt 112 89 ["table:dated_reminders"]
ALTER TABLE `dated_reminders`
  ENGINE=InnoDB,
  MODIFY COLUMN `pid` bigint(20) NOT NULL;

-- table dated_reminders_link (engine)
-- hisops:stmt 113 51 ["table:dated_reminders_link"]
ALTER TABLE `dated_reminders_link`
  ENGINE=InnoDB;

-- table documents (engine); column documents.thumb_url; column documents.foreign_id (type); column documents.path_depth; column documents.imported; column documents.encounter_id; column documents.encounter_check; column documents.audit_master_approval_status; column documents.audit_master_id; colum…
-- hisops:stmt 114 1093 ["table:documents"]
ALTER TABLE `documents`
  ENGINE=InnoDB,
  ADD COLUMN `thumb_url` varchar(255) DEFAULT NULL AFTER `url`,
  MODIFY COLUMN `foreign_id` bigint(20) DEFAULT NULL,
  ADD COLUMN `path_depth` tinyint(4) DEFAULT 1 COMMENT 'Depth of path to use in url to find document. Not applicable for CouchDB.' AFTER `storagemethod`,
  ADD COLUMN `imported` tinyint(4) DEFAULT 0 COMMENT 'Parsing status for CCR/CCD/CCDA importing' AFTER `path_depth`,
  ADD COLUMN `encounter_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'Encounter id if tagged' AFTER `imported`,
  ADD COLUMN `encounter_check` tinyint(1) NOT NULL DEFAULT 0 COMMENT 'If encounter is created while tagging' AFTER `encounter_id`,
  ADD COLUMN `audit_master_approval_status` tinyint(4) NOT NULL DEFAULT 1 COMMENT 'approval_status from audit_master table' AFTER `encounter_check`,
  ADD COLUMN `audit_master_id` int(11) DEFAULT NULL AFTER `audit_master_approval_status`,
  ADD COLUMN `documentationOf` varchar(255) DEFAULT NULL AFTER `audit_master_id`,
  ADD COLUMN `encrypted` tinyint(4) NOT NULL DEFAULT 0 COMMENT '0->No,1->Yes' AFTER `documentationOf`;

-- table documents_legal_categories (engine)
-- hisops:stmt 115 57 ["table:documents_legal_categories"]
ALTER TABLE `documents_legal_categories`
  ENGINE=InnoDB;

-- table documents_legal_detail (engine); column documents_legal_detail.dld_signed (comment); column documents_legal_detail.dld_denial_reason (nullable); column documents_legal_detail.dld_moved; column documents_legal_detail.dld_patient_comments
-- hisops:stmt 116 476 ["table:documents_legal_detail"]
ALTER TABLE `documents_legal_detail`
  ENGINE=InnoDB,
  MODIFY COLUMN `dld_signed` smallint(5) unsigned NOT NULL COMMENT '0-Not Signed or Cannot Sign(Layout),1-Signed,2-Ready to sign,3-Denied(Pat Regi),4-Patient Upload,10-Save(Layout)',
  MODIFY COLUMN `dld_denial_reason` longtext,
  ADD COLUMN `dld_moved` tinyint(4) NOT NULL DEFAULT 0 AFTER `dld_denial_reason`,
  ADD COLUMN `dld_patient_comments` text DEFAULT NULL COMMENT 'Patient comments stored here' AFTER `dld_moved`;

-- table documents_legal_master (engine); column documents_legal_master.dlm_upload_type
-- hisops:stmt 117 174 ["table:documents_legal_master"]
ALTER TABLE `documents_legal_master`
  ENGINE=InnoDB,
  ADD COLUMN `dlm_upload_type` tinyint(4) DEFAULT 0 COMMENT '0-Provider Uploaded,1-Patient Uploaded' AFTER `dlm_review`;

-- table drug_inventory (engine)
-- hisops:stmt 118 45 ["table:drug_inventory"]
ALTER TABLE `drug_inventory`
  ENGINE=InnoDB;

-- table drug_sales (engine); column drug_sales.pid (type); column drug_sales.bill_date; column drug_sales.pricelevel; column drug_sales.selector
-- hisops:stmt 119 337 ["table:drug_sales"]
ALTER TABLE `drug_sales`
  ENGINE=InnoDB,
  MODIFY COLUMN `pid` bigint(20) NOT NULL DEFAULT 0,
  ADD COLUMN `bill_date` datetime DEFAULT NULL AFTER `notes`,
  ADD COLUMN `pricelevel` varchar(31) DEFAULT '' AFTER `bill_date`,
  ADD COLUMN `selector` varchar(255) DEFAULT '' COMMENT 'references drug_templates.selector' AFTER `pricelevel`;

-- table drug_templates (engine)
-- hisops:stmt 120 45 ["table:drug_templates"]
ALTER TABLE `drug_templates`
  ENGINE=InnoDB;

-- table drugs (engine); column drugs.drug_code; column drugs.consumable; column drugs.dispensable
-- hisops:stmt 121 360 ["table:drugs"]
ALTER TABLE `drugs`
  ENGINE=InnoDB,
  ADD COLUMN `drug_code` varchar(25) DEFAULT NULL AFTER `allow_multiple`,
  ADD COLUMN `consumable` tinyint(1) NOT NULL DEFAULT 0 COMMENT '1 = will not show on the fee sheet' AFTER `drug_code`,
  ADD COLUMN `dispensable` tinyint(1) NOT NULL DEFAULT 1 COMMENT '0 = pharmacy elsewhere, 1 = dispensed here' AFTER `consumable`;

-- table eligibility_verification (engine)
-- hisops:stmt 122 55 ["table:eligibility_verification"]
ALTER TABLE `eligibility_verification`
  ENGINE=InnoDB;

-- table employer_data (engine)
-- hisops:stmt 123 44 ["table:employer_data"]
ALTER TABLE `employer_data`
  ENGINE=InnoDB;

-- table enc_category_map (engine)
-- hisops:stmt 124 47 ["table:enc_category_map"]
ALTER TABLE `enc_category_map`
  ENGINE=InnoDB;

-- table extended_log (engine)
-- hisops:stmt 125 43 ["table:extended_log"]
ALTER TABLE `extended_log`
  ENGINE=InnoDB;

-- table facility (engine); column facility.country_code (type, nullable, default); column facility.facility_taxonomy; column facility.facility_code; column facility.extra_validation; column facility.mail_street; column facility.mail_street2; column facility.mail_city; column facility.mail_state; co…
-- hisops:stmt 126 833 ["table:facility"]
ALTER TABLE `facility`
  ENGINE=InnoDB,
  MODIFY COLUMN `country_code` varchar(30) DEFAULT '',
  ADD COLUMN `facility_taxonomy` varchar(15) DEFAULT NULL AFTER `facility_npi`,
  ADD COLUMN `facility_code` varchar(31) DEFAULT NULL AFTER `primary_business_entity`,
  ADD COLUMN `extra_validation` tinyint(1) NOT NULL DEFAULT 1 AFTER `facility_code`,
  ADD COLUMN `mail_street` varchar(30) DEFAULT NULL AFTER `extra_validation`,
  ADD COLUMN `mail_street2` varchar(30) DEFAULT NULL AFTER `mail_street`,
  ADD COLUMN `mail_city` varchar(50) DEFAULT NULL AFTER `mail_street2`,
  ADD COLUMN `mail_state` varchar(3) DEFAULT NULL AFTER `mail_city`,
  ADD COLUMN `mail_zip` varchar(10) DEFAULT NULL AFTER `mail_state`,
  ADD COLUMN `oid` varchar(255) NOT NULL DEFAULT '' COMMENT 'HIEs CCDA and FHIR an OID is required/wanted' AFTER `mail_zip`;

-- table facility_user_ids (engine); column facility_user_ids.field_value (nullable)
-- hisops:stmt 127 84 ["table:facility_user_ids"]
ALTER TABLE `facility_user_ids`
  ENGINE=InnoDB,
  MODIFY COLUMN `field_value` text;

-- table fee_sheet_options (engine)
-- hisops:stmt 128 48 ["table:fee_sheet_options"]
ALTER TABLE `fee_sheet_options`
  ENGINE=InnoDB;

-- table form_dictation (engine)
-- hisops:stmt 129 45 ["table:form_dictation"]
ALTER TABLE `form_dictation`
  ENGINE=InnoDB;

-- table form_encounter (engine); column form_encounter.external_id; column form_encounter.pos_code; index form_encounter.encounter_date
-- hisops:stmt 130 231 ["table:form_encounter"]
ALTER TABLE `form_encounter`
  ENGINE=InnoDB,
  ADD COLUMN `external_id` varchar(20) DEFAULT NULL AFTER `billing_facility`,
  ADD COLUMN `pos_code` tinyint(4) DEFAULT NULL AFTER `external_id`,
  ADD INDEX `encounter_date` (`date`);

-- table form_misc_billing_options (engine); column form_misc_billing_options.medicaid_referral_code; column form_misc_billing_options.epsdt_flag; column form_misc_billing_options.provider_qualifier_code; column form_misc_billing_options.provider_id; column form_misc_billing_options.onset_date; colu…
-- hisops:stmt 131 715 ["table:form_misc_billing_options"]
ALTER TABLE `form_misc_billing_options`
  ENGINE=InnoDB,
  ADD COLUMN `medicaid_referral_code` varchar(2) DEFAULT NULL AFTER `other_accident`,
  ADD COLUMN `epsdt_flag` tinyint(1) DEFAULT NULL AFTER `medicaid_referral_code`,
  ADD COLUMN `provider_qualifier_code` varchar(2) DEFAULT NULL AFTER `epsdt_flag`,
  ADD COLUMN `provider_id` int(11) DEFAULT NULL AFTER `provider_qualifier_code`,
  ADD COLUMN `onset_date` date DEFAULT NULL AFTER `is_unable_to_work`,
  ADD COLUMN `icn_resubmission_number` varchar(35) DEFAULT NULL AFTER `replacement_claim`,
  ADD COLUMN `box_14_date_qual` char(3) DEFAULT NULL AFTER `icn_resubmission_number`,
  ADD COLUMN `box_15_date_qual` char(3) DEFAULT NULL AFTER `box_14_date_qual`;

-- table form_reviewofs (engine)
-- hisops:stmt 132 45 ["table:form_reviewofs"]
ALTER TABLE `form_reviewofs`
  ENGINE=InnoDB;

-- table form_ros (engine); column form_ros.pid (type)
-- hisops:stmt 133 82 ["table:form_ros"]
ALTER TABLE `form_ros`
  ENGINE=InnoDB,
  MODIFY COLUMN `pid` bigint(20) NOT NULL;

-- table form_soap (engine)
-- hisops:stmt 134 40 ["table:form_soap"]
ALTER TABLE `form_soap`
  ENGINE=InnoDB;

-- table form_vitals (engine); column form_vitals.external_id
-- hisops:stmt 135 121 ["table:form_vitals"]
ALTER TABLE `form_vitals`
  ENGINE=InnoDB,
  ADD COLUMN `external_id` varchar(20) DEFAULT NULL AFTER `oxygen_saturation`;

-- table forms (engine); column forms.therapy_group_id; column forms.issue_id; column forms.provider_id
-- hisops:stmt 136 363 ["table:forms"]
ALTER TABLE `forms`
  ENGINE=InnoDB,
  ADD COLUMN `therapy_group_id` int(11) DEFAULT NULL AFTER `formdir`,
  ADD COLUMN `issue_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references lists.id to identify a case' AFTER `therapy_group_id`,
  ADD COLUMN `provider_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references users.id to identify a provider' AFTER `issue_id`;

-- table globals (engine)
-- hisops:stmt 137 38 ["table:globals"]
ALTER TABLE `globals`
  ENGINE=InnoDB;

-- table gprelations (engine)
-- hisops:stmt 138 42 ["table:gprelations"]
ALTER TABLE `gprelations`
  ENGINE=InnoDB;

-- table groups (engine)
-- hisops:stmt 139 37 ["table:groups"]
ALTER TABLE `groups`
  ENGINE=InnoDB;

-- table history_data (engine); column history_data.dc_mother; column history_data.dc_father; column history_data.dc_siblings; column history_data.dc_offspring; column history_data.dc_spouse; column history_data.exams (nullable, default); column history_data.usertext11 (nullable); column history_dat…
-- hisops:stmt 140 562 ["table:history_data"]
ALTER TABLE `history_data`
  ENGINE=InnoDB,
  ADD COLUMN `dc_mother` text DEFAULT NULL AFTER `history_mother`,
  ADD COLUMN `dc_father` text DEFAULT NULL AFTER `history_father`,
  ADD COLUMN `dc_siblings` text DEFAULT NULL AFTER `history_siblings`,
  ADD COLUMN `dc_offspring` text DEFAULT NULL AFTER `history_offspring`,
  ADD COLUMN `dc_spouse` text DEFAULT NULL AFTER `history_spouse`,
  MODIFY COLUMN `exams` text DEFAULT NULL,
  MODIFY COLUMN `usertext11` text,
  MODIFY COLUMN `userarea11` text DEFAULT NULL,
  MODIFY COLUMN `userarea12` text DEFAULT NULL;

-- table icd10_dx_order_code (engine)
-- hisops:stmt 141 50 ["table:icd10_dx_order_code"]
ALTER TABLE `icd10_dx_order_code`
  ENGINE=InnoDB;

-- table icd10_gem_dx_10_9 (engine)
-- hisops:stmt 142 48 ["table:icd10_gem_dx_10_9"]
ALTER TABLE `icd10_gem_dx_10_9`
  ENGINE=InnoDB;

-- table icd10_gem_dx_9_10 (engine)
-- hisops:stmt 143 48 ["table:icd10_gem_dx_9_10"]
ALTER TABLE `icd10_gem_dx_9_10`
  ENGINE=InnoDB;

-- table icd10_gem_pcs_10_9 (engine)
-- hisops:stmt 144 49 ["table:icd10_gem_pcs_10_9"]
ALTER TABLE `icd10_gem_pcs_10_9`
  ENGINE=InnoDB;

-- table icd10_gem_pcs_9_10 (engine)
-- hisops:stmt 145 49 ["table:icd10_gem_pcs_9_10"]
ALTER TABLE `icd10_gem_pcs_9_10`
  ENGINE=InnoDB;

-- table icd10_pcs_order_code (engine)
-- hisops:stmt 146 51 ["table:icd10_pcs_order_code"]
ALTER TABLE `icd10_pcs_order_code`
  ENGINE=InnoDB;

-- table icd10_reimbr_dx_9_10 (engine)
-- hisops:stmt 147 51 ["table:icd10_reimbr_dx_9_10"]
ALTER TABLE `icd10_reimbr_dx_9_10`
  ENGINE=InnoDB;

-- table icd10_reimbr_pcs_9_10 (engine)
-- hisops:stmt 148 52 ["table:icd10_reimbr_pcs_9_10"]
ALTER TABLE `icd10_reimbr_pcs_9_10`
  ENGINE=InnoDB;

-- table icd9_dx_code (engine)
-- hisops:stmt 149 43 ["table:icd9_dx_code"]
ALTER TABLE `icd9_dx_code`
  ENGINE=InnoDB;

-- table icd9_dx_long_code (engine)
-- hisops:stmt 150 48 ["table:icd9_dx_long_code"]
ALTER TABLE `icd9_dx_long_code`
  ENGINE=InnoDB;

-- table icd9_sg_code (engine)
-- hisops:stmt 151 43 ["table:icd9_sg_code"]
ALTER TABLE `icd9_sg_code`
  ENGINE=InnoDB;

-- table icd9_sg_long_code (engine)
-- hisops:stmt 152 48 ["table:icd9_sg_long_code"]
ALTER TABLE `icd9_sg_long_code`
  ENGINE=InnoDB;

-- table immunizations (engine); column immunizations.patient_id (type); column immunizations.amount_administered; column immunizations.amount_administered_unit; column immunizations.expiration_date; column immunizations.route; column immunizations.administration_site; column immunizations.added_err…
-- hisops:stmt 153 994 ["table:immunizations"]
ALTER TABLE `immunizations`
  ENGINE=InnoDB,
  MODIFY COLUMN `patient_id` bigint(20) DEFAULT NULL,
  ADD COLUMN `amount_administered` float DEFAULT NULL AFTER `updated_by`,
  ADD COLUMN `amount_administered_unit` varchar(50) DEFAULT NULL AFTER `amount_administered`,
  ADD COLUMN `expiration_date` date DEFAULT NULL AFTER `amount_administered_unit`,
  ADD COLUMN `route` varchar(100) DEFAULT NULL AFTER `expiration_date`,
  ADD COLUMN `administration_site` varchar(100) DEFAULT NULL AFTER `route`,
  ADD COLUMN `added_erroneously` tinyint(1) NOT NULL DEFAULT 0 AFTER `administration_site`,
  ADD COLUMN `external_id` varchar(20) DEFAULT NULL AFTER `added_erroneously`,
  ADD COLUMN `completion_status` varchar(50) DEFAULT NULL AFTER `external_id`,
  ADD COLUMN `information_source` varchar(31) DEFAULT NULL AFTER `completion_status`,
  ADD COLUMN `refusal_reason` varchar(31) DEFAULT NULL AFTER `information_source`,
  ADD COLUMN `ordering_provider` int(11) DEFAULT NULL AFTER `refusal_reason`;

-- table insurance_companies (engine); column insurance_companies.ins_type_code; column insurance_companies.inactive; column insurance_companies.eligibility_id; column insurance_companies.x12_default_eligibility_id
-- hisops:stmt 154 349 ["table:insurance_companies"]
ALTER TABLE `insurance_companies`
  ENGINE=InnoDB,
  ADD COLUMN `ins_type_code` tinyint(2) DEFAULT NULL AFTER `cms_id`,
  ADD COLUMN `inactive` int(1) NOT NULL DEFAULT 0 AFTER `alt_cms_id`,
  ADD COLUMN `eligibility_id` varchar(32) DEFAULT NULL AFTER `inactive`,
  ADD COLUMN `x12_default_eligibility_id` int(11) DEFAULT NULL AFTER `eligibility_id`;

-- table insurance_data (engine)
-- hisops:stmt 155 45 ["table:insurance_data"]
ALTER TABLE `insurance_data`
  ENGINE=InnoDB;

-- table insurance_numbers (engine)
-- hisops:stmt 156 48 ["table:insurance_numbers"]
ALTER TABLE `insurance_numbers`
  ENGINE=InnoDB;

-- table issue_encounter (engine); column issue_encounter.pid (type)
-- hisops:stmt 157 89 ["table:issue_encounter"]
ALTER TABLE `issue_encounter`
  ENGINE=InnoDB,
  MODIFY COLUMN `pid` bigint(20) NOT NULL;

-- table lang_constants (engine); column lang_constants.constant_name (type); index lang_constants.constant_name
-- hisops:stmt 158 226 ["table:lang_constants"]
ALTER TABLE `lang_constants`
  ENGINE=InnoDB,
  MODIFY COLUMN `constant_name` mediumtext CHARACTER SET utf8mb3 COLLATE utf8mb3_bin DEFAULT NULL,
  DROP INDEX `constant_name`,
  ADD INDEX `constant_name` (`constant_name`(100));

-- table lang_custom (engine); column lang_custom.constant_name (type, nullable, default); column lang_custom.definition (nullable, default)
-- hisops:stmt 159 153 ["table:lang_custom"]
ALTER TABLE `lang_custom`
  ENGINE=InnoDB,
  MODIFY COLUMN `constant_name` mediumtext DEFAULT NULL,
  MODIFY COLUMN `definition` mediumtext DEFAULT NULL;

-- table lang_definitions (engine)
-- hisops:stmt 160 47 ["table:lang_definitions"]
ALTER TABLE `lang_definitions`
  ENGINE=InnoDB;

-- table lang_languages (engine); column lang_languages.lang_is_rtl
-- hisops:stmt 161 194 ["table:lang_languages"]
ALTER TABLE `lang_languages`
  ENGINE=InnoDB,
  ADD COLUMN `lang_is_rtl` tinyint(4) DEFAULT 0 COMMENT 'Set this to 1 for RTL languages Arabic, Farsi, Hebrew, Urdu etc.' AFTER `lang_description`;

-- table layout_options (engine); column layout_options.group_id; column layout_options.list_id (type); column layout_options.list_backup_id; column layout_options.source; column layout_options.conditions; column layout_options.validation
-- hisops:stmt 162 570 ["table:layout_options"]
ALTER TABLE `layout_options`
  ENGINE=InnoDB,
  ADD COLUMN `group_id` varchar(31) NOT NULL DEFAULT '' AFTER `field_id`,
  MODIFY COLUMN `list_id` varchar(100) NOT NULL DEFAULT '',
  ADD COLUMN `list_backup_id` varchar(100) NOT NULL DEFAULT '' AFTER `fld_rows`,
  ADD COLUMN `source` char(1) NOT NULL DEFAULT 'F' COMMENT 'F=Form, D=Demographics, H=History, E=Encounter' AFTER `list_backup_id`,
  ADD COLUMN `conditions` text DEFAULT NULL COMMENT 'serialized array of skip conditions' AFTER `source`,
  ADD COLUMN `validation` varchar(100) DEFAULT NULL AFTER `conditions`;

-- table lbf_data (engine); column lbf_data.field_value (type, nullable)
-- hisops:stmt 163 79 ["table:lbf_data"]
ALTER TABLE `lbf_data`
  ENGINE=InnoDB,
  MODIFY COLUMN `field_value` longtext;

-- table list_options (engine); column list_options.list_id (type); column list_options.option_id (type); column list_options.notes (type, nullable, default); column list_options.codes; column list_options.toggle_setting_1; column list_options.toggle_setting_2; column list_options.activity; column l…
-- hisops:stmt 164 764 ["table:list_options"]
ALTER TABLE `list_options`
  ENGINE=InnoDB,
  MODIFY COLUMN `list_id` varchar(100) NOT NULL DEFAULT '',
  MODIFY COLUMN `option_id` varchar(100) NOT NULL DEFAULT '',
  MODIFY COLUMN `notes` text DEFAULT NULL,
  ADD COLUMN `codes` varchar(255) NOT NULL DEFAULT '' AFTER `notes`,
  ADD COLUMN `toggle_setting_1` tinyint(1) NOT NULL DEFAULT 0 AFTER `codes`,
  ADD COLUMN `toggle_setting_2` tinyint(1) NOT NULL DEFAULT 0 AFTER `toggle_setting_1`,
  ADD COLUMN `activity` tinyint(4) NOT NULL DEFAULT 1 AFTER `toggle_setting_2`,
  ADD COLUMN `subtype` varchar(31) NOT NULL DEFAULT '' AFTER `activity`,
  ADD COLUMN `edit_options` tinyint(1) NOT NULL DEFAULT 1 AFTER `subtype`,
  ADD COLUMN `timestamp` timestamp NOT NULL DEFAULT current_timestamp() AFTER `edit_options`;

-- table lists (engine); column lists.subtype; column lists.modifydate; column lists.severity_al; column lists.external_id; column lists.list_option_id
-- hisops:stmt 165 494 ["table:lists"]
ALTER TABLE `lists`
  ENGINE=InnoDB,
  ADD COLUMN `subtype` varchar(31) NOT NULL DEFAULT '' AFTER `type`,
  ADD COLUMN `modifydate` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `erx_uploaded`,
  ADD COLUMN `severity_al` varchar(50) DEFAULT NULL AFTER `modifydate`,
  ADD COLUMN `external_id` varchar(20) DEFAULT NULL AFTER `severity_al`,
  ADD COLUMN `list_option_id` varchar(100) DEFAULT NULL COMMENT 'Reference to list_options table' AFTER `external_id`;

-- table lists_touch (engine); column lists_touch.pid (default); column lists_touch.type (default)
-- hisops:stmt 166 152 ["table:lists_touch"]
ALTER TABLE `lists_touch`
  ENGINE=InnoDB,
  MODIFY COLUMN `pid` bigint(20) NOT NULL DEFAULT 0,
  MODIFY COLUMN `type` varchar(255) NOT NULL DEFAULT '';

-- table log (engine); column log.category; column log.log_from; column log.menu_item_id; column log.ccda_doc_id
-- hisops:stmt 167 346 ["table:log"]
ALTER TABLE `log`
  ENGINE=InnoDB,
  ADD COLUMN `category` varchar(255) DEFAULT NULL AFTER `event`,
  ADD COLUMN `log_from` varchar(20) DEFAULT 'open-emr' AFTER `crt_user`,
  ADD COLUMN `menu_item_id` int(11) DEFAULT NULL AFTER `log_from`,
  ADD COLUMN `ccda_doc_id` int(11) DEFAULT NULL COMMENT 'CCDA document id from ccda' AFTER `menu_item_id`;

-- table notes (engine)
-- hisops:stmt 168 36 ["table:notes"]
ALTER TABLE `notes`
  ENGINE=InnoDB;

-- column notification_log.pid (type); column notification_log.message (nullable); column notification_log.patient_info (nullable)
-- hisops:stmt 169 142 ["table:notification_log"]
ALTER TABLE `notification_log`
  MODIFY COLUMN `pid` bigint(20) NOT NULL,
  MODIFY COLUMN `message` text,
  MODIFY COLUMN `patient_info` text;

-- table onotes (engine)
-- hisops:stmt 170 37 ["table:onotes"]
ALTER TABLE `onotes`
  ENGINE=InnoDB;

-- table openemr_module_vars (engine)
-- hisops:stmt 171 50 ["table:openemr_module_vars"]
ALTER TABLE `openemr_module_vars`
  ENGINE=InnoDB;

-- table openemr_modules (engine)
-- hisops:stmt 172 46 ["table:openemr_modules"]
ALTER TABLE `openemr_modules`
  ENGINE=InnoDB;

-- table openemr_postcalendar_categories (engine); column openemr_postcalendar_categories.pc_constant_id; column openemr_postcalendar_categories.pc_active; column openemr_postcalendar_categories.pc_seq; column openemr_postcalendar_categories.aco_spec; index openemr_postcalendar_categories.pc_constan…
-- hisops:stmt 173 423 ["table:openemr_postcalendar_categories"]
ALTER TABLE `openemr_postcalendar_categories`
  ENGINE=InnoDB,
  ADD COLUMN `pc_constant_id` varchar(255) DEFAULT NULL AFTER `pc_catid`,
  ADD COLUMN `pc_active` tinyint(1) NOT NULL DEFAULT 1 AFTER `pc_cattype`,
  ADD COLUMN `pc_seq` int(11) NOT NULL DEFAULT 0 AFTER `pc_active`,
  ADD COLUMN `aco_spec` varchar(63) NOT NULL DEFAULT 'encounters|notes' AFTER `pc_seq`,
  ADD UNIQUE INDEX `pc_constant_id` (`pc_constant_id`);

-- table openemr_postcalendar_events (engine); column openemr_postcalendar_events.pc_gid; column openemr_postcalendar_events.pc_facility (type); column openemr_postcalendar_events.pc_room
-- hisops:stmt 174 293 ["table:openemr_postcalendar_events"]
ALTER TABLE `openemr_postcalendar_events`
  ENGINE=InnoDB,
  ADD COLUMN `pc_gid` int(11) DEFAULT 0 AFTER `pc_pid`,
  MODIFY COLUMN `pc_facility` int(11) NOT NULL DEFAULT 0 COMMENT 'facility id for this event',
  ADD COLUMN `pc_room` varchar(20) NOT NULL DEFAULT '' AFTER `pc_billing_location`;

-- table patient_access_offsite (engine); column patient_access_offsite.pid (type); column patient_access_offsite.portal_relation
-- hisops:stmt 175 179 ["table:patient_access_offsite"]
ALTER TABLE `patient_access_offsite`
  ENGINE=InnoDB,
  MODIFY COLUMN `pid` bigint(20) NOT NULL,
  ADD COLUMN `portal_relation` varchar(100) DEFAULT NULL AFTER `authorize_net_id`;

-- table patient_access_onsite (engine); column patient_access_onsite.pid (type); column patient_access_onsite.portal_salt
-- hisops:stmt 176 179 ["table:patient_access_onsite"]
ALTER TABLE `patient_access_onsite`
  ENGINE=InnoDB,
  MODIFY COLUMN `pid` bigint(20) DEFAULT NULL,
  ADD COLUMN `portal_salt` varchar(100) DEFAULT NULL AFTER `portal_pwd_status`;

-- table patient_data (engine); column patient_data.email_direct; column patient_data.religion; column patient_data.billing_note; column patient_data.guardiansname (type, nullable, default); column patient_data.cmsportal_login; column patient_data.care_team; column patient_data.county; column patien…
-- hisops:stmt 177 1801 ["table:patient_data"]
ALTER TABLE `patient_data`
  ENGINE=InnoDB,
  ADD COLUMN `email_direct` varchar(255) NOT NULL DEFAULT '' AFTER `email`,
  ADD COLUMN `religion` varchar(40) NOT NULL DEFAULT '' AFTER `ethnicity`,
  ADD COLUMN `billing_note` text DEFAULT NULL AFTER `monthly_income`,
  MODIFY COLUMN `guardiansname` text DEFAULT NULL,
  ADD COLUMN `cmsportal_login` varchar(60) NOT NULL DEFAULT '' AFTER `soap_import_status`,
  ADD COLUMN `care_team` int(11) DEFAULT NULL AFTER `cmsportal_login`,
  ADD COLUMN `county` varchar(40) NOT NULL DEFAULT '' AFTER `care_team`,
  ADD COLUMN `industry` text DEFAULT NULL AFTER `county`,
  ADD COLUMN `imm_reg_status` text DEFAULT NULL AFTER `industry`,
  ADD COLUMN `imm_reg_stat_effdate` text DEFAULT NULL AFTER `imm_reg_status`,
  ADD COLUMN `publicity_code` text DEFAULT NULL AFTER `imm_reg_stat_effdate`,
  ADD COLUMN `publ_code_eff_date` text DEFAULT NULL AFTER `publicity_code`,
  ADD COLUMN `protect_indicator` text DEFAULT NULL AFTER `publ_code_eff_date`,
  ADD COLUMN `prot_indi_effdate` text DEFAULT NULL AFTER `protect_indicator`,
  ADD COLUMN `guardianrelationship` text DEFAULT NULL AFTER `prot_indi_effdate`,
  ADD COLUMN `guardiansex` text DEFAULT NULL AFTER `guardianrelationship`,
  ADD COLUMN `guardianaddress` text DEFAULT NULL AFTER `guardiansex`,
  ADD COLUMN `guardiancity` text DEFAULT NULL AFTER `guardianaddress`,
  ADD COLUMN `guardianstate` text DEFAULT NULL AFTER `guardiancity`,
  ADD COLUMN `guardianpostalcode` text DEFAULT NULL AFTER `guardianstate`,
  ADD COLUMN `guardiancountry` text DEFAULT NULL AFTER `guardianpostalcode`,
  ADD COLUMN `guardianphone` text DEFAULT NULL AFTER `guardiancountry`,
  ADD COLUMN `guardianworkphone` text DEFAULT NULL AFTER `guardianphone`,
  ADD COLUMN `guardianemail` text DEFAULT NULL AFTER `guardianworkphone`;

-- table patient_reminders (engine)
-- hisops:stmt 178 48 ["table:patient_reminders"]
ALTER TABLE `patient_reminders`
  ENGINE=InnoDB;

-- table payments (engine)
-- hisops:stmt 179 39 ["table:payments"]
ALTER TABLE `payments`
  ENGINE=InnoDB;

-- table pharmacies (engine); column pharmacies.ncpdp; column pharmacies.npi
-- hisops:stmt 180 153 ["table:pharmacies"]
ALTER TABLE `pharmacies`
  ENGINE=InnoDB,
  ADD COLUMN `ncpdp` int(12) DEFAULT NULL AFTER `email`,
  ADD COLUMN `npi` int(12) DEFAULT NULL AFTER `ncpdp`;

-- table phone_numbers (engine)
-- hisops:stmt 181 44 ["table:phone_numbers"]
ALTER TABLE `phone_numbers`
  ENGINE=InnoDB;

-- table pnotes (engine); column pnotes.portal_relation; column pnotes.is_msg_encrypted; column pnotes.update_by; column pnotes.update_date
-- hisops:stmt 182 405 ["table:pnotes"]
ALTER TABLE `pnotes`
  ENGINE=InnoDB,
  ADD COLUMN `portal_relation` varchar(100) DEFAULT NULL AFTER `message_status`,
  ADD COLUMN `is_msg_encrypted` tinyint(2) DEFAULT 0 COMMENT 'Whether messsage encrypted 0-Not encrypted, 1-Encrypted' AFTER `portal_relation`,
  ADD COLUMN `update_by` bigint(20) DEFAULT NULL AFTER `is_msg_encrypted`,
  ADD COLUMN `update_date` datetime DEFAULT NULL AFTER `update_by`;

-- table prescriptions (engine); column prescriptions.patient_id (type); column prescriptions.external_id; column prescriptions.end_date; column prescriptions.indication; column prescriptions.prn; column prescriptions.ntx; column prescriptions.rtx; column prescriptions.txDate
-- hisops:stmt 183 515 ["table:prescriptions"]
ALTER TABLE `prescriptions`
  ENGINE=InnoDB,
  MODIFY COLUMN `patient_id` bigint(20) DEFAULT NULL,
  ADD COLUMN `external_id` varchar(20) DEFAULT NULL AFTER `drug_info_erx`,
  ADD COLUMN `end_date` date DEFAULT NULL AFTER `external_id`,
  ADD COLUMN `indication` text DEFAULT NULL AFTER `end_date`,
  ADD COLUMN `prn` varchar(30) DEFAULT NULL AFTER `indication`,
  ADD COLUMN `ntx` int(2) DEFAULT NULL AFTER `prn`,
  ADD COLUMN `rtx` int(2) DEFAULT NULL AFTER `ntx`,
  ADD COLUMN `txDate` date NOT NULL AFTER `rtx`;

-- table prices (engine)
-- hisops:stmt 184 37 ["table:prices"]
ALTER TABLE `prices`
  ENGINE=InnoDB;

-- table procedure_order (engine); column procedure_order.provider_id (comment); column procedure_order.patient_instructions (nullable, default); column procedure_order.lab_id; column procedure_order.specimen_type; column procedure_order.specimen_location; column procedure_order.specimen_volume; col…
-- hisops:stmt 185 1312 ["table:procedure_order"]
ALTER TABLE `procedure_order`
  ENGINE=InnoDB,
  MODIFY COLUMN `provider_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references users.id, the ordering provider',
  MODIFY COLUMN `patient_instructions` text DEFAULT NULL,
  ADD COLUMN `lab_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references procedure_providers.ppid' AFTER `control_id`,
  ADD COLUMN `specimen_type` varchar(31) NOT NULL DEFAULT '' COMMENT 'from the Specimen_Type list' AFTER `lab_id`,
  ADD COLUMN `specimen_location` varchar(31) NOT NULL DEFAULT '' COMMENT 'from the Specimen_Location list' AFTER `specimen_type`,
  ADD COLUMN `specimen_volume` varchar(30) NOT NULL DEFAULT '' COMMENT 'from a text input field' AFTER `specimen_location`,
  ADD COLUMN `date_transmitted` datetime DEFAULT NULL COMMENT 'time of order transmission, null if unsent' AFTER `specimen_volume`,
  ADD COLUMN `clinical_hx` varchar(255) NOT NULL DEFAULT '' COMMENT 'clinical history text that may be relevant to the order' AFTER `date_transmitted`,
  ADD COLUMN `external_id` varchar(20) DEFAULT NULL AFTER `clinical_hx`,
  ADD COLUMN `history_order` enum('0','1') DEFAULT '0' COMMENT 'references order is added for history purpose only.' AFTER `external_id`,
  ADD COLUMN `order_diagnosis` varchar(255) DEFAULT '' COMMENT 'primary order diagnosis' AFTER `history_order`;

-- table procedure_report (engine); column procedure_report.procedure_order_seq; column procedure_report.date_collected_tz; column procedure_report.date_report_tz; column procedure_report.review_status (comment); column procedure_report.report_notes
-- hisops:stmt 186 639 ["table:procedure_report"]
ALTER TABLE `procedure_report`
  ENGINE=InnoDB,
  ADD COLUMN `procedure_order_seq` int(11) NOT NULL DEFAULT 1 COMMENT 'references procedure_order_code.procedure_order_seq' AFTER `procedure_order_id`,
  ADD COLUMN `date_collected_tz` varchar(5) DEFAULT '' COMMENT '+-hhmm offset from UTC' AFTER `date_collected`,
  ADD COLUMN `date_report_tz` varchar(5) DEFAULT '' COMMENT '+-hhmm offset from UTC' AFTER `date_report`,
  MODIFY COLUMN `review_status` varchar(31) NOT NULL DEFAULT 'received' COMMENT 'pending review status: received,reviewed',
  ADD COLUMN `report_notes` text DEFAULT NULL COMMENT 'notes from the lab' AFTER `review_status`;

-- table procedure_result (engine); column procedure_result.result_data_type; column procedure_result.result_code; column procedure_result.result_text; column procedure_result.comments (nullable, default); column procedure_result.result_status (comment)
-- hisops:stmt 187 718 ["table:procedure_result"]
ALTER TABLE `procedure_result`
  ENGINE=InnoDB,
  ADD COLUMN `result_data_type` char(1) NOT NULL DEFAULT 'S' COMMENT 'N=Numeric, S=String, F=Formatted, E=External, L=Long text as first line of comments' AFTER `procedure_report_id`,
  ADD COLUMN `result_code` varchar(31) NOT NULL DEFAULT '' COMMENT 'LOINC code, might match a procedure_type.procedure_code' AFTER `result_data_type`,
  ADD COLUMN `result_text` varchar(255) NOT NULL DEFAULT '' COMMENT 'Description of result_code' AFTER `result_code`,
  MODIFY COLUMN `comments` text DEFAULT NULL COMMENT 'comments from the lab',
  MODIFY COLUMN `result_status` varchar(31) NOT NULL DEFAULT '' COMMENT 'preliminary, cannot be done, final, corrected, incomplete...etc.';

-- table procedure_type (engine); column procedure_type.lab_id (comment); column procedure_type.body_site (comment); column procedure_type.activity; column procedure_type.notes
-- hisops:stmt 188 506 ["table:procedure_type"]
ALTER TABLE `procedure_type`
  ENGINE=InnoDB,
  MODIFY COLUMN `lab_id` bigint(20) NOT NULL DEFAULT 0 COMMENT 'references procedure_providers.ppid, 0 means default to parent',
  MODIFY COLUMN `body_site` varchar(31) NOT NULL DEFAULT '' COMMENT 'where to do injection, e.g. arm, buttock',
  ADD COLUMN `activity` tinyint(1) NOT NULL DEFAULT 1 COMMENT '1=active, 0=inactive' AFTER `seq`,
  ADD COLUMN `notes` varchar(255) NOT NULL DEFAULT '' COMMENT 'additional notes to enhance description' AFTER `activity`;

-- table product_warehouse (engine)
-- hisops:stmt 189 48 ["table:product_warehouse"]
ALTER TABLE `product_warehouse`
  ENGINE=InnoDB;

-- table registry (engine); column registry.patient_encounter; column registry.therapy_group_encounter; column registry.aco_spec
-- hisops:stmt 190 321 ["table:registry"]
ALTER TABLE `registry`
  ENGINE=InnoDB,
  ADD COLUMN `patient_encounter` tinyint(4) NOT NULL DEFAULT 1 AFTER `nickname`,
  ADD COLUMN `therapy_group_encounter` tinyint(4) NOT NULL DEFAULT 0 AFTER `patient_encounter`,
  ADD COLUMN `aco_spec` varchar(63) NOT NULL DEFAULT 'encounters|notes' AFTER `therapy_group_encounter`;

-- table rule_action (engine)
-- hisops:stmt 191 42 ["table:rule_action"]
ALTER TABLE `rule_action`
  ENGINE=InnoDB;

-- table rule_action_item (engine); column rule_action_item.reminder_message (nullable, default)
-- hisops:stmt 192 146 ["table:rule_action_item"]
ALTER TABLE `rule_action_item`
  ENGINE=InnoDB,
  MODIFY COLUMN `reminder_message` text DEFAULT NULL COMMENT 'Custom message in patient reminder';

-- table rule_filter (engine)
-- hisops:stmt 193 42 ["table:rule_filter"]
ALTER TABLE `rule_filter`
  ENGINE=InnoDB;

-- table rule_patient_data (engine)
-- hisops:stmt 194 48 ["table:rule_patient_data"]
ALTER TABLE `rule_patient_data`
  ENGINE=InnoDB;

-- table rule_reminder (engine)
-- hisops:stmt 195 44 ["table:rule_reminder"]
ALTER TABLE `rule_reminder`
  ENGINE=InnoDB;

-- table rule_target (engine)
-- hisops:stmt 196 42 ["table:rule_target"]
ALTER TABLE `rule_target`
  ENGINE=InnoDB;

-- table sequences (engine)
-- hisops:stmt 197 40 ["table:sequences"]
ALTER TABLE `sequences`
  ENGINE=InnoDB;

-- table standardized_tables_track (engine)
-- hisops:stmt 198 56 ["table:standardized_tables_track"]
ALTER TABLE `standardized_tables_track`
  ENGINE=InnoDB;

-- table supported_external_dataloads (engine)
-- hisops:stmt 199 59 ["table:supported_external_dataloads"]
ALTER TABLE `supported_external_dataloads`
  ENGINE=InnoDB;

-- table syndromic_surveillance (engine)
-- hisops:stmt 200 53 ["table:syndromic_surveillance"]
ALTER TABLE `syndromic_surveillance`
  ENGINE=InnoDB;

-- table template_users (engine)
-- hisops:stmt 201 45 ["table:template_users"]
ALTER TABLE `template_users`
  ENGINE=InnoDB;

-- table transactions (engine)
-- hisops:stmt 202 43 ["table:transactions"]
ALTER TABLE `transactions`
  ENGINE=InnoDB;

-- table user_settings (engine); column user_settings.setting_label (type)
-- hisops:stmt 203 99 ["table:user_settings"]
ALTER TABLE `user_settings`
  ENGINE=InnoDB,
  MODIFY COLUMN `setting_label` varchar(100) NOT NULL;

-- table users (engine); column users.suffix; column users.email_direct; column users.weno_prov_id; column users.cpoe; column users.physician_type; column users.main_menu_role; column users.patient_menu_role
-- hisops:stmt 204 589 ["table:users"]
ALTER TABLE `users`
  ENGINE=InnoDB,
  ADD COLUMN `suffix` varchar(255) DEFAULT NULL AFTER `lname`,
  ADD COLUMN `email_direct` varchar(255) NOT NULL DEFAULT '' AFTER `email`,
  ADD COLUMN `weno_prov_id` varchar(15) DEFAULT NULL AFTER `state_license_number`,
  ADD COLUMN `cpoe` tinyint(1) DEFAULT NULL AFTER `newcrop_user_role`,
  ADD COLUMN `physician_type` varchar(50) DEFAULT NULL AFTER `cpoe`,
  ADD COLUMN `main_menu_role` varchar(50) NOT NULL DEFAULT 'standard' AFTER `physician_type`,
  ADD COLUMN `patient_menu_role` varchar(50) NOT NULL DEFAULT 'standard' AFTER `main_menu_role`;

-- table version (engine); column version.v_acl
-- hisops:stmt 205 106 ["table:version"]
ALTER TABLE `version`
  ENGINE=InnoDB,
  ADD COLUMN `v_acl` int(11) NOT NULL DEFAULT 0 AFTER `v_database`;

-- table x12_partners (engine); column x12_partners.processing_format (type); column x12_partners.x12_dtp03
-- hisops:stmt 206 251 ["table:x12_partners"]
ALTER TABLE `x12_partners`
  ENGINE=InnoDB,
  MODIFY COLUMN `processing_format` enum('standard','medi-cal','cms','proxymed','oa_eligibility','availity_eligibility') DEFAULT NULL,
  ADD COLUMN `x12_dtp03` char(1) NOT NULL DEFAULT 'A' AFTER `x12_per06`;

-- ======================================================================================
-- NEEDS REVIEW: not applied. Each item says why; uncomment what you decide to run.
-- ======================================================================================

-- [review] column ar_activity.sequence_no (autoIncrement, comment); table ar_activity (engine)
--   why: removes auto-increment: inserts must then supply the value
--   why: the engine change goes with it: InnoDB refuses an auto-increment column that is not first in a key
-- ALTER TABLE `ar_activity`
--   MODIFY COLUMN `sequence_no` int(10) unsigned NOT NULL COMMENT 'Ar_activity sequence_no, incremented in code',
--   ENGINE=InnoDB;

-- [review] column claims.version (autoIncrement, comment); table claims (engine)
--   why: removes auto-increment: inserts must then supply the value
--   why: the engine change goes with it: InnoDB refuses an auto-increment column that is not first in a key
-- ALTER TABLE `claims`
--   MODIFY COLUMN `version` int(10) unsigned NOT NULL COMMENT 'Claim version, incremented in code',
--   ENGINE=InnoDB;

-- [review] column drugs.size (type, default)
--   why: changes the type float unsigned → varchar(25): existing values are converted and may fail or change
-- ALTER TABLE `drugs`
--   MODIFY COLUMN `size` varchar(25) NOT NULL DEFAULT '';

-- [review] column eligibility_verification.response_id (type)
--   why: changes the type bigint(20) → varchar(32): existing values are converted and may fail or change
-- ALTER TABLE `eligibility_verification`
--   MODIFY COLUMN `response_id` varchar(32) DEFAULT NULL;

-- [review] column facility.country_code (type, nullable, default)
--   why: makes the column NOT NULL: fails (or turns NULLs into zeros/empty strings) if rows hold NULL; fill them first
-- ALTER TABLE `facility`
--   MODIFY COLUMN `country_code` varchar(30) NOT NULL DEFAULT '';

-- [review] column immunizations.administered_date (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `immunizations`
--   MODIFY COLUMN `administered_date` datetime DEFAULT NULL;

-- [review] column immunizations.cvx_code (type)
--   why: changes the type int(11) → varchar(10): existing values are converted and may fail or change
-- ALTER TABLE `immunizations`
--   MODIFY COLUMN `cvx_code` varchar(10) DEFAULT NULL;

-- [review] column insurance_companies.freeb_type
--   why: drops the column and its data
-- ALTER TABLE `insurance_companies`
--   DROP COLUMN `freeb_type`;

-- [review] column layout_options.group_name
--   why: drops the column and its data
-- ALTER TABLE `layout_options`
--   DROP COLUMN `group_name`;

-- [review] column prescriptions.size (type)
--   why: changes the type float unsigned → varchar(25): existing values are converted and may fail or change
-- ALTER TABLE `prescriptions`
--   MODIFY COLUMN `size` varchar(25) DEFAULT NULL;

-- [review] column procedure_order.control_id (type, default)
--   why: changes the type bigint(20) → varchar(255): existing values are converted and may fail or change
-- ALTER TABLE `procedure_order`
--   MODIFY COLUMN `control_id` varchar(255) NOT NULL DEFAULT '' COMMENT 'This is the CONTROL ID that is sent back from lab';

-- [review] column procedure_order.procedure_type_id
--   why: drops the column and its data
-- ALTER TABLE `procedure_order`
--   DROP COLUMN `procedure_type_id`;

-- [review] column procedure_report.date_report (type)
--   why: changes the type date → datetime: existing values are converted and may fail or change
-- ALTER TABLE `procedure_report`
--   MODIFY COLUMN `date_report` datetime DEFAULT NULL;

-- [review] column procedure_result.procedure_type_id
--   why: drops the column and its data
-- ALTER TABLE `procedure_result`
--   DROP COLUMN `procedure_type_id`;

-- [review] column transactions.body
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `body`;

-- [review] column transactions.refer_date
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_date`;

-- [review] column transactions.refer_from
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_from`;

-- [review] column transactions.refer_to
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_to`;

-- [review] column transactions.refer_diag
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_diag`;

-- [review] column transactions.refer_risk_level
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_risk_level`;

-- [review] column transactions.refer_vitals
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_vitals`;

-- [review] column transactions.refer_external
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_external`;

-- [review] column transactions.refer_related_code
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_related_code`;

-- [review] column transactions.refer_reply_date
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `refer_reply_date`;

-- [review] column transactions.reply_date
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_date`;

-- [review] column transactions.reply_from
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_from`;

-- [review] column transactions.reply_init_diag
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_init_diag`;

-- [review] column transactions.reply_final_diag
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_final_diag`;

-- [review] column transactions.reply_documents
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_documents`;

-- [review] column transactions.reply_findings
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_findings`;

-- [review] column transactions.reply_services
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_services`;

-- [review] column transactions.reply_recommend
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_recommend`;

-- [review] column transactions.reply_rx_refer
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_rx_refer`;

-- [review] column transactions.reply_related_code
--   why: drops the column and its data
-- ALTER TABLE `transactions`
--   DROP COLUMN `reply_related_code`;

-- [review] column users.ssi_relayhealth
--   why: drops the column and its data
-- ALTER TABLE `users`
--   DROP COLUMN `ssi_relayhealth`;

-- [review] column x12_partners.x12_version
--   why: drops the column and its data
-- ALTER TABLE `x12_partners`
--   DROP COLUMN `x12_version`;

-- [review] column x12_partners.x12_gs03
--   why: drops the column and its data
-- ALTER TABLE `x12_partners`
--   DROP COLUMN `x12_gs03`;

-- [review] table array
--   why: drops the table and every row in it
-- DROP TABLE `array`;

-- [review] table config
--   why: drops the table and every row in it
-- DROP TABLE `config`;

-- [review] table config_seq
--   why: drops the table and every row in it
-- DROP TABLE `config_seq`;

-- [review] table eligibility_response
--   why: drops the table and every row in it
-- DROP TABLE `eligibility_response`;

-- [review] table geo_country_reference
--   why: drops the table and every row in it
-- DROP TABLE `geo_country_reference`;

-- [review] table geo_zone_reference
--   why: drops the table and every row in it
-- DROP TABLE `geo_zone_reference`;

-- [review] table integration_mapping
--   why: drops the table and every row in it
-- DROP TABLE `integration_mapping`;

-- [review] table openemr_postcalendar_limits
--   why: drops the table and every row in it
-- DROP TABLE `openemr_postcalendar_limits`;

-- [review] table openemr_postcalendar_topics
--   why: drops the table and every row in it
-- DROP TABLE `openemr_postcalendar_topics`;

-- [review] table openemr_session_info
--   why: drops the table and every row in it
-- DROP TABLE `openemr_session_info`;

-- [review] table pma_bookmark
--   why: drops the table and every row in it
-- DROP TABLE `pma_bookmark`;

-- [review] table pma_column_info
--   why: drops the table and every row in it
-- DROP TABLE `pma_column_info`;

-- [review] table pma_history
--   why: drops the table and every row in it
-- DROP TABLE `pma_history`;

-- [review] table pma_pdf_pages
--   why: drops the table and every row in it
-- DROP TABLE `pma_pdf_pages`;

-- [review] table pma_relation
--   why: drops the table and every row in it
-- DROP TABLE `pma_relation`;

-- [review] table pma_table_coords
--   why: drops the table and every row in it
-- DROP TABLE `pma_table_coords`;

-- [review] table pma_table_info
--   why: drops the table and every row in it
-- DROP TABLE `pma_table_info`;

-- end of script (206 statement(s) applied by hisops, 54 for review)
