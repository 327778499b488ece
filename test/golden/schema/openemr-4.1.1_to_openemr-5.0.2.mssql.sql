-- ======================================================================================
-- hisops schema sync script
-- current:    openemr-4.1.1 (MariaDB fixture) (MySQL/MariaDB), fingerprint ec7a35461ade9375
-- target:     openemr-5.0.2 (MariaDB fixture) (MySQL/MariaDB), fingerprint 13ae58434a42d92d
-- written:    2025-01-01T00:00:00.000Z by hisops golden, for SQL Server
-- changes:    379 (column +181 -27 ~60; table +91 -17 ~0; index +2 -1 ~0)
-- safe part:  264 statement(s) for 325 change(s)
-- review:     57 change(s) need a person (commented out below, with reasons)
-- Run it with `hisops schema sync <db> <target> --script <this file> --apply`: hisops checks the
-- fingerprint first and journals every statement, so a stopped run can be resumed with --resume.
-- note:       current: zero-date defaults dropped (no such date outside MySQL): 6 (batchcom.msg_date_sent, drug_inventory.last_notify, drugs.last_notify, insurance_data.date, openemr_postcalendar_events.pc_eventDate, …)
-- note:       current: ON UPDATE clocks dropped (use a trigger): 1 (documents_legal_detail.dld_signed_time)
-- note:       target: zero-date defaults dropped (no such date outside MySQL): 11 (amendments.created_time, amendments_history.created_time, batchcom.msg_date_sent, drug_inventory.last_notify, drugs.last_notify, …)
-- note:       target: ON UPDATE clocks dropped (use a trigger): 9 (ccda.updated_date, ccda_table_mapping.timestamp, documents_legal_detail.dld_signed_time, form_clinical_instructions.date, form_eye_locking.LOCKEDDATE, …)
-- note:       target: indexes on TEXT/BLOB columns left out: 1 (lang_constants.constant_name)
-- hisops:plan {"format":"hisops-schema-script","version":1,"planId":"c08b87a87c2c82f873a44e2feba96d8d","dialect":"mssql","current":"ec7a35461ade9375cd941de971b6a20b776ef782410ee5c89896810e4bc3ffbd","target":"13ae58434a42d92dd6f1f7863e9252aed3eb0c945b9fc85e510f604d390ca28e","statements":264,"hisopsVersion":"golden","createdAt":"2025-01-01T00:00:00.000Z"}
-- ======================================================================================

-- ======================================================================================
-- SAFE PART
-- ======================================================================================

-- table amendments
-- hisops:stmt 1 446 ["table:amendments"]
CREATE TABLE [amendments] (
  [amendment_id] int IDENTITY(1,1) NOT NULL,
  [amendment_date] date NOT NULL,
  [amendment_by] nvarchar(50) NOT NULL,
  [amendment_status] nvarchar(50) NULL,
  [pid] bigint NOT NULL,
  [amendment_desc] nvarchar(max) NULL,
  [created_by] int NOT NULL,
  [modified_by] int NULL,
  [created_time] datetime2(0) NOT NULL,
  [modified_time] datetime2(0) NULL,
  CONSTRAINT [PK_amendments] PRIMARY KEY ([amendment_id])
);
GO

-- hisops:stmt 2 56 ["table:amendments"]
CREATE INDEX [amendment_pid] ON [amendments] ([pid]);
GO

-- table amendments_history
-- hisops:stmt 3 233 ["table:amendments_history"]
CREATE TABLE [amendments_history] (
  [amendment_id] int IDENTITY(1,1) NOT NULL,
  [amendment_note] nvarchar(max) NULL,
  [amendment_status] nvarchar(50) NULL,
  [created_by] int NOT NULL,
  [created_time] datetime2(0) NOT NULL
);
GO

-- hisops:stmt 4 80 ["table:amendments_history"]
CREATE INDEX [amendment_history_id] ON [amendments_history] ([amendment_id]);
GO

-- table api_token
-- hisops:stmt 5 206 ["table:api_token"]
CREATE TABLE [api_token] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [user_id] bigint NOT NULL,
  [token] nvarchar(256) NULL,
  [expiry] datetime2(0) NULL,
  CONSTRAINT [PK_api_token] PRIMARY KEY ([id])
);
GO

-- table background_services
-- hisops:stmt 6 709 ["table:background_services"]
CREATE TABLE [background_services] (
  [name] nvarchar(31) NOT NULL,
  [title] nvarchar(127) NOT NULL,
  [active] smallint NOT NULL CONSTRAINT [DF_background_services_active] DEFAULT (0),
  [running] smallint NOT NULL CONSTRAINT [DF_background_services_running] DEFAULT (-1),
  [next_run] datetime2(0) NOT NULL CONSTRAINT [DF_background_services_next_run] DEFAULT (sysdatetime()),
  [execute_interval] int NOT NULL CONSTRAINT [DF_background_services_execute_interval] DEFAULT (0),
  [function] nvarchar(127) NOT NULL,
  [require_once] nvarchar(255) NULL,
  [sort_order] int NOT NULL CONSTRAINT [DF_background_services_sort_order] DEFAULT (100),
  CONSTRAINT [PK_background_services] PRIMARY KEY ([name])
);
GO

-- table benefit_eligibility
-- hisops:stmt 7 720 ["table:benefit_eligibility"]
CREATE TABLE [benefit_eligibility] (
  [response_id] bigint NOT NULL,
  [verification_id] bigint NOT NULL,
  [type] nvarchar(4) NULL,
  [benefit_type] nvarchar(255) NULL,
  [start_date] date NULL,
  [end_date] date NULL,
  [coverage_level] nvarchar(255) NULL,
  [coverage_type] nvarchar(512) NULL,
  [plan_type] nvarchar(255) NULL,
  [plan_description] nvarchar(255) NULL,
  [coverage_period] nvarchar(255) NULL,
  [amount] decimal(5,2) NULL,
  [percent] decimal(3,2) NULL,
  [network_ind] nvarchar(2) NULL,
  [message] nvarchar(512) NULL,
  [response_status] nvarchar(1) NULL CONSTRAINT [DF_benefit_eligibility_response_status] DEFAULT ('A'),
  [response_create_date] date NULL,
  [response_modify_date] date NULL
);
GO

-- table calendar_external
-- hisops:stmt 8 223 ["table:calendar_external"]
CREATE TABLE [calendar_external] (
  [id] int IDENTITY(1,1) NOT NULL,
  [date] date NOT NULL,
  [description] nvarchar(45) NOT NULL,
  [source] nvarchar(45) NULL,
  CONSTRAINT [PK_calendar_external] PRIMARY KEY ([id])
);
GO

-- table ccda
-- hisops:stmt 9 663 ["table:ccda"]
CREATE TABLE [ccda] (
  [id] int IDENTITY(1,1) NOT NULL,
  [pid] bigint NULL,
  [encounter] bigint NULL,
  [ccda_data] nvarchar(max) NULL,
  [time] nvarchar(50) NULL,
  [status] smallint NULL,
  [updated_date] datetime2(0) NOT NULL CONSTRAINT [DF_ccda_updated_date] DEFAULT (sysdatetime()),
  [user_id] nvarchar(50) NULL,
  [couch_docid] nvarchar(100) NULL,
  [couch_revid] nvarchar(100) NULL,
  [view] smallint NOT NULL CONSTRAINT [DF_ccda_view] DEFAULT (0),
  [transfer] smallint NOT NULL CONSTRAINT [DF_ccda_transfer] DEFAULT (0),
  [emr_transfer] smallint NOT NULL CONSTRAINT [DF_ccda_emr_transfer] DEFAULT (0),
  CONSTRAINT [PK_ccda] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 10 75 ["table:ccda"]
CREATE UNIQUE INDEX [unique_key] ON [ccda] ([pid], [encounter], [time]);
GO

-- table ccda_components
-- hisops:stmt 11 277 ["table:ccda_components"]
CREATE TABLE [ccda_components] (
  [ccda_components_id] int IDENTITY(1,1) NOT NULL,
  [ccda_components_field] nvarchar(100) NULL,
  [ccda_components_name] nvarchar(100) NULL,
  [ccda_type] int NOT NULL,
  CONSTRAINT [PK_ccda_components] PRIMARY KEY ([ccda_components_id])
);
GO

-- table ccda_field_mapping
-- hisops:stmt 12 190 ["table:ccda_field_mapping"]
CREATE TABLE [ccda_field_mapping] (
  [id] int IDENTITY(1,1) NOT NULL,
  [table_id] int NULL,
  [ccda_field] nvarchar(100) NULL,
  CONSTRAINT [PK_ccda_field_mapping] PRIMARY KEY ([id])
);
GO

-- table ccda_sections
-- hisops:stmt 13 387 ["table:ccda_sections"]
CREATE TABLE [ccda_sections] (
  [ccda_sections_id] int IDENTITY(1,1) NOT NULL,
  [ccda_components_id] int NULL,
  [ccda_sections_field] nvarchar(100) NULL,
  [ccda_sections_name] nvarchar(100) NULL,
  [ccda_sections_req_mapping] smallint NOT NULL CONSTRAINT [DF_ccda_sections_ccda_sections_req_mapping] DEFAULT (1),
  CONSTRAINT [PK_ccda_sections] PRIMARY KEY ([ccda_sections_id])
);
GO

-- table ccda_table_mapping
-- hisops:stmt 14 529 ["table:ccda_table_mapping"]
CREATE TABLE [ccda_table_mapping] (
  [id] int IDENTITY(1,1) NOT NULL,
  [ccda_component] nvarchar(100) NULL,
  [ccda_component_section] nvarchar(100) NULL,
  [form_dir] nvarchar(100) NULL,
  [form_type] smallint NULL,
  [form_table] nvarchar(100) NULL,
  [user_id] int NULL,
  [deleted] smallint NOT NULL CONSTRAINT [DF_ccda_table_mapping_deleted] DEFAULT (0),
  [timestamp] datetime2(0) NOT NULL CONSTRAINT [DF_ccda_table_mapping_timestamp] DEFAULT (sysdatetime()),
  CONSTRAINT [PK_ccda_table_mapping] PRIMARY KEY ([id])
);
GO

-- table clinical_rules_log
-- hisops:stmt 15 473 ["table:clinical_rules_log"]
CREATE TABLE [clinical_rules_log] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL,
  [pid] bigint NOT NULL CONSTRAINT [DF_clinical_rules_log_pid] DEFAULT (0),
  [uid] bigint NOT NULL CONSTRAINT [DF_clinical_rules_log_uid] DEFAULT (0),
  [category] nvarchar(255) NOT NULL CONSTRAINT [DF_clinical_rules_log_category] DEFAULT (''),
  [value] nvarchar(max) NULL,
  [new_value] nvarchar(max) NULL,
  CONSTRAINT [PK_clinical_rules_log] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 16 64 ["table:clinical_rules_log"]
CREATE INDEX [category] ON [clinical_rules_log] ([category]);
GO

-- hisops:stmt 17 54 ["table:clinical_rules_log"]
CREATE INDEX [pid] ON [clinical_rules_log] ([pid]);
GO

-- hisops:stmt 18 54 ["table:clinical_rules_log"]
CREATE INDEX [uid] ON [clinical_rules_log] ([uid]);
GO

-- table codes_history
-- hisops:stmt 19 570 ["table:codes_history"]
CREATE TABLE [codes_history] (
  [log_id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL,
  [code] nvarchar(25) NULL,
  [modifier] nvarchar(12) NULL,
  [active] smallint NULL,
  [diagnosis_reporting] smallint NULL,
  [financial_reporting] smallint NULL,
  [category] nvarchar(255) NULL,
  [code_type_name] nvarchar(255) NULL,
  [code_text] nvarchar(255) NULL,
  [code_text_short] nvarchar(24) NULL,
  [prices] nvarchar(max) NULL,
  [action_type] nvarchar(25) NULL,
  [update_by] nvarchar(255) NULL,
  CONSTRAINT [PK_codes_history] PRIMARY KEY ([log_id])
);
GO

-- table direct_message_log
-- hisops:stmt 20 533 ["table:direct_message_log"]
CREATE TABLE [direct_message_log] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [msg_type] nchar(1) NOT NULL,
  [msg_id] nvarchar(127) NOT NULL,
  [sender] nvarchar(255) NOT NULL,
  [recipient] nvarchar(255) NOT NULL,
  [create_ts] datetime2(0) NOT NULL CONSTRAINT [DF_direct_message_log_create_ts] DEFAULT (sysdatetime()),
  [status] nchar(1) NOT NULL,
  [status_info] nvarchar(511) NULL,
  [status_ts] datetime2(0) NULL,
  [patient_id] bigint NULL,
  [user_id] bigint NULL,
  CONSTRAINT [PK_direct_message_log] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 21 60 ["table:direct_message_log"]
CREATE INDEX [msg_id] ON [direct_message_log] ([msg_id]);
GO

-- hisops:stmt 22 68 ["table:direct_message_log"]
CREATE INDEX [patient_id] ON [direct_message_log] ([patient_id]);
GO

-- table erx_narcotics
-- hisops:stmt 23 297 ["table:erx_narcotics"]
CREATE TABLE [erx_narcotics] (
  [id] int IDENTITY(1,1) NOT NULL,
  [drug] nvarchar(255) NOT NULL,
  [dea_number] nvarchar(5) NOT NULL,
  [csa_sch] nvarchar(2) NOT NULL,
  [narc] nvarchar(2) NOT NULL,
  [other_names] nvarchar(255) NOT NULL,
  CONSTRAINT [PK_erx_narcotics] PRIMARY KEY ([id])
);
GO

-- table erx_rx_log
-- hisops:stmt 24 322 ["table:erx_rx_log"]
CREATE TABLE [erx_rx_log] (
  [id] int IDENTITY(1,1) NOT NULL,
  [prescription_id] int NOT NULL,
  [date] nvarchar(25) NOT NULL,
  [time] nvarchar(15) NOT NULL,
  [code] int NOT NULL,
  [status] nvarchar(max) NULL,
  [message_id] nvarchar(100) NULL,
  [read] int NULL,
  CONSTRAINT [PK_erx_rx_log] PRIMARY KEY ([id])
);
GO

-- table erx_ttl_touch
-- hisops:stmt 25 215 ["table:erx_ttl_touch"]
CREATE TABLE [erx_ttl_touch] (
  [patient_id] decimal(20,0) NOT NULL,
  [process] nvarchar(11) NOT NULL,
  [updated] datetime2(0) NOT NULL,
  CONSTRAINT [PK_erx_ttl_touch] PRIMARY KEY ([patient_id], [process])
);
GO

-- table erx_weno_drugs
-- hisops:stmt 26 1103 ["table:erx_weno_drugs"]
CREATE TABLE [erx_weno_drugs] (
  [drug_id] int IDENTITY(1,1) NOT NULL,
  [rxcui_drug_coded] int NULL,
  [generic_rxcui] int NULL,
  [drug_db_code_qualifier] nvarchar(max) NULL,
  [full_name] nvarchar(250) NOT NULL,
  [rxn_dose_form] nvarchar(max) NULL,
  [full_generic_name] nvarchar(250) NOT NULL,
  [brand_name] nvarchar(250) NOT NULL,
  [display_name] nvarchar(250) NOT NULL,
  [route] nvarchar(max) NULL,
  [new_dose_form] nvarchar(100) NULL,
  [strength] nvarchar(15) NULL,
  [supress_for] nvarchar(max) NULL,
  [display_name_synonym] nvarchar(max) NULL,
  [is_retired] nvarchar(max) NULL,
  [sxdg_rxcui] nvarchar(10) NULL,
  [sxdg_tty] nvarchar(max) NULL,
  [sxdg_name] nvarchar(100) NULL,
  [psn_drugdescription] nvarchar(100) NULL,
  [ncpdp_quantity_term] nvarchar(max) NULL,
  [potency_unit_code] nvarchar(10) NULL,
  [dea_schedule_no] int NULL,
  [dea_schedule] nvarchar(7) NULL,
  [ingredients] nvarchar(100) NULL,
  [drug_interaction] nvarchar(100) NULL,
  [unit_source_code] nvarchar(3) NULL,
  [code_list_qualifier] int NULL,
  CONSTRAINT [PK_erx_weno_drugs] PRIMARY KEY ([drug_id])
);
GO

-- table esign_signatures
-- hisops:stmt 27 436 ["table:esign_signatures"]
CREATE TABLE [esign_signatures] (
  [id] int IDENTITY(1,1) NOT NULL,
  [tid] int NOT NULL,
  [table] nvarchar(255) NOT NULL,
  [uid] int NOT NULL,
  [datetime] datetime2(0) NOT NULL,
  [is_lock] smallint NOT NULL CONSTRAINT [DF_esign_signatures_is_lock] DEFAULT (0),
  [amendment] nvarchar(max) NULL,
  [hash] nvarchar(255) NOT NULL,
  [signature_hash] nvarchar(255) NOT NULL,
  CONSTRAINT [PK_esign_signatures] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 28 56 ["table:esign_signatures"]
CREATE INDEX [table] ON [esign_signatures] ([table]);
GO

-- hisops:stmt 29 52 ["table:esign_signatures"]
CREATE INDEX [tid] ON [esign_signatures] ([tid]);
GO

-- table external_encounters
-- hisops:stmt 30 348 ["table:external_encounters"]
CREATE TABLE [external_encounters] (
  [ee_id] int IDENTITY(1,1) NOT NULL,
  [ee_date] date NULL,
  [ee_pid] int NULL,
  [ee_provider_id] nvarchar(255) NULL,
  [ee_facility_id] nvarchar(255) NULL,
  [ee_encounter_diagnosis] nvarchar(255) NULL,
  [ee_external_id] nvarchar(255) NULL,
  CONSTRAINT [PK_external_encounters] PRIMARY KEY ([ee_id])
);
GO

-- table external_procedures
-- hisops:stmt 31 392 ["table:external_procedures"]
CREATE TABLE [external_procedures] (
  [ep_id] int IDENTITY(1,1) NOT NULL,
  [ep_date] date NULL,
  [ep_code_type] nvarchar(20) NULL,
  [ep_code] nvarchar(9) NULL,
  [ep_pid] int NULL,
  [ep_encounter] int NULL,
  [ep_code_text] nvarchar(max) NULL,
  [ep_facility_id] nvarchar(255) NULL,
  [ep_external_id] nvarchar(255) NULL,
  CONSTRAINT [PK_external_procedures] PRIMARY KEY ([ep_id])
);
GO

-- table form_care_plan
-- hisops:stmt 32 427 ["table:form_care_plan"]
CREATE TABLE [form_care_plan] (
  [id] bigint NOT NULL,
  [date] date NULL,
  [pid] bigint NULL,
  [encounter] nvarchar(255) NULL,
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [authorized] smallint NULL,
  [activity] smallint NULL,
  [code] nvarchar(255) NULL,
  [codetext] nvarchar(max) NULL,
  [description] nvarchar(max) NULL,
  [external_id] nvarchar(30) NULL,
  [care_plan_type] nvarchar(30) NULL
);
GO

-- table form_clinical_instructions
-- hisops:stmt 33 464 ["table:form_clinical_instructions"]
CREATE TABLE [form_clinical_instructions] (
  [id] int IDENTITY(1,1) NOT NULL,
  [pid] bigint NULL,
  [encounter] nvarchar(255) NULL,
  [user] nvarchar(255) NULL,
  [instruction] nvarchar(max) NULL,
  [date] datetime2(0) NOT NULL CONSTRAINT [DF_form_clinical_instructions_date] DEFAULT (sysdatetime()),
  [activity] smallint NULL CONSTRAINT [DF_form_clinical_instructions_activity] DEFAULT (1),
  CONSTRAINT [PK_form_clinical_instructions] PRIMARY KEY ([id])
);
GO

-- table form_eye_acuity
-- hisops:stmt 34 1030 ["table:form_eye_acuity"]
CREATE TABLE [form_eye_acuity] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [SCODVA] nvarchar(25) NULL,
  [SCOSVA] nvarchar(25) NULL,
  [PHODVA] nvarchar(25) NULL,
  [PHOSVA] nvarchar(25) NULL,
  [CTLODVA] nvarchar(25) NULL,
  [CTLOSVA] nvarchar(25) NULL,
  [MRODVA] nvarchar(25) NULL,
  [MROSVA] nvarchar(25) NULL,
  [SCNEARODVA] nvarchar(25) NULL,
  [SCNEAROSVA] nvarchar(25) NULL,
  [MRNEARODVA] nvarchar(25) NULL,
  [MRNEAROSVA] nvarchar(25) NULL,
  [GLAREODVA] nvarchar(25) NULL,
  [GLAREOSVA] nvarchar(25) NULL,
  [GLARECOMMENTS] nvarchar(255) NULL,
  [ARODVA] nvarchar(25) NULL,
  [AROSVA] nvarchar(25) NULL,
  [CRODVA] nvarchar(25) NULL,
  [CROSVA] nvarchar(25) NULL,
  [CTLODVA1] nvarchar(25) NULL,
  [CTLOSVA1] nvarchar(25) NULL,
  [PAMODVA] nvarchar(25) NULL,
  [PAMOSVA] nvarchar(25) NULL,
  [LIODVA] nvarchar(25) NOT NULL,
  [LIOSVA] nvarchar(25) NOT NULL,
  [WODVANEAR] nvarchar(25) NULL,
  [OSVANEARCC] nvarchar(25) NULL,
  [BINOCVA] nvarchar(25) NULL,
  CONSTRAINT [PK_form_eye_acuity] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 35 67 ["table:form_eye_acuity"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_acuity] ([id], [pid]);
GO

-- table form_eye_antseg
-- hisops:stmt 36 1474 ["table:form_eye_antseg"]
CREATE TABLE [form_eye_antseg] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [ODSCHIRMER1] nvarchar(25) NULL,
  [OSSCHIRMER1] nvarchar(25) NULL,
  [ODSCHIRMER2] nvarchar(25) NULL,
  [OSSCHIRMER2] nvarchar(25) NULL,
  [ODTBUT] nvarchar(25) NULL,
  [OSTBUT] nvarchar(25) NULL,
  [OSCONJ] nvarchar(25) NULL,
  [ODCONJ] nvarchar(max) NULL,
  [ODCORNEA] nvarchar(max) NULL,
  [OSCORNEA] nvarchar(max) NULL,
  [ODAC] nvarchar(max) NULL,
  [OSAC] nvarchar(max) NULL,
  [ODLENS] nvarchar(max) NULL,
  [OSLENS] nvarchar(max) NULL,
  [ODIRIS] nvarchar(max) NULL,
  [OSIRIS] nvarchar(max) NULL,
  [PUPIL_NORMAL] nvarchar(2) NULL CONSTRAINT [DF_form_eye_antseg_PUPIL_NORMAL] DEFAULT ('1'),
  [ODPUPILSIZE1] nvarchar(25) NULL,
  [ODPUPILSIZE2] nvarchar(25) NULL,
  [ODPUPILREACTIVITY] nchar(25) NULL,
  [ODAPD] nvarchar(25) NULL,
  [OSPUPILSIZE1] nvarchar(25) NULL,
  [OSPUPILSIZE2] nvarchar(25) NULL,
  [OSPUPILREACTIVITY] nchar(25) NULL,
  [OSAPD] nvarchar(25) NULL,
  [DIMODPUPILSIZE1] nvarchar(25) NULL,
  [DIMODPUPILSIZE2] nvarchar(25) NULL,
  [DIMODPUPILREACTIVITY] nvarchar(25) NULL,
  [DIMOSPUPILSIZE1] nvarchar(25) NULL,
  [DIMOSPUPILSIZE2] nvarchar(25) NULL,
  [DIMOSPUPILREACTIVITY] nvarchar(25) NULL,
  [PUPIL_COMMENTS] nvarchar(max) NULL,
  [ODKTHICKNESS] nvarchar(25) NULL,
  [OSKTHICKNESS] nvarchar(25) NULL,
  [ODGONIO] nvarchar(25) NULL,
  [OSGONIO] nvarchar(25) NULL,
  [ANTSEG_COMMENTS] nvarchar(max) NULL,
  CONSTRAINT [PK_form_eye_antseg] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 37 67 ["table:form_eye_antseg"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_antseg] ([id], [pid]);
GO

-- table form_eye_base
-- hisops:stmt 38 295 ["table:form_eye_base"]
CREATE TABLE [form_eye_base] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL,
  [pid] bigint NULL,
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [authorized] smallint NULL,
  [activity] smallint NULL,
  CONSTRAINT [PK_form_eye_base] PRIMARY KEY ([id])
);
GO

-- table form_eye_biometrics
-- hisops:stmt 39 638 ["table:form_eye_biometrics"]
CREATE TABLE [form_eye_biometrics] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [ODK1] nvarchar(10) NULL,
  [ODK2] nvarchar(10) NULL,
  [ODK2AXIS] nvarchar(10) NULL,
  [OSK1] nvarchar(10) NULL,
  [OSK2] nvarchar(10) NULL,
  [OSK2AXIS] nvarchar(10) NULL,
  [ODAXIALLENGTH] nvarchar(20) NULL,
  [OSAXIALLENGTH] nvarchar(20) NULL,
  [ODPDMeasured] nvarchar(20) NULL,
  [OSPDMeasured] nvarchar(20) NULL,
  [ODACD] nvarchar(20) NULL,
  [OSACD] nvarchar(20) NULL,
  [ODW2W] nvarchar(20) NULL,
  [OSW2W] nvarchar(20) NULL,
  [ODLT] nvarchar(20) NULL,
  [OSLT] nvarchar(20) NULL,
  CONSTRAINT [PK_form_eye_biometrics] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 40 71 ["table:form_eye_biometrics"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_biometrics] ([id], [pid]);
GO

-- table form_eye_external
-- hisops:stmt 41 997 ["table:form_eye_external"]
CREATE TABLE [form_eye_external] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [RUL] nvarchar(max) NULL,
  [LUL] nvarchar(max) NULL,
  [RLL] nvarchar(max) NULL,
  [LLL] nvarchar(max) NULL,
  [RBROW] nvarchar(max) NULL,
  [LBROW] nvarchar(max) NULL,
  [RMCT] nvarchar(max) NULL,
  [LMCT] nvarchar(max) NULL,
  [RADNEXA] nvarchar(max) NULL,
  [LADNEXA] nvarchar(max) NULL,
  [RMRD] nvarchar(25) NULL,
  [LMRD] nvarchar(25) NULL,
  [RLF] nvarchar(25) NULL,
  [LLF] nvarchar(25) NULL,
  [RVFISSURE] nvarchar(25) NULL,
  [LVFISSURE] nvarchar(25) NULL,
  [ODHERTEL] nvarchar(25) NULL,
  [OSHERTEL] nvarchar(25) NULL,
  [HERTELBASE] nvarchar(25) NULL,
  [RCAROTID] nvarchar(max) NULL,
  [LCAROTID] nvarchar(max) NULL,
  [RTEMPART] nvarchar(max) NULL,
  [LTEMPART] nvarchar(max) NULL,
  [RCNV] nvarchar(max) NULL,
  [LCNV] nvarchar(max) NULL,
  [RCNVII] nvarchar(max) NULL,
  [LCNVII] nvarchar(max) NULL,
  [EXT_COMMENTS] nvarchar(max) NULL,
  CONSTRAINT [PK_form_eye_external] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 42 69 ["table:form_eye_external"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_external] ([id], [pid]);
GO

-- table form_eye_hpi
-- hisops:stmt 43 1204 ["table:form_eye_hpi"]
CREATE TABLE [form_eye_hpi] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [CC1] nvarchar(255) NULL,
  [HPI1] nvarchar(max) NULL,
  [QUALITY1] nvarchar(255) NULL,
  [TIMING1] nvarchar(255) NULL,
  [DURATION1] nvarchar(255) NULL,
  [CONTEXT1] nvarchar(255) NULL,
  [SEVERITY1] nvarchar(255) NULL,
  [MODIFY1] nvarchar(255) NULL,
  [ASSOCIATED1] nvarchar(255) NULL,
  [LOCATION1] nvarchar(255) NULL,
  [CHRONIC1] nvarchar(255) NULL,
  [CHRONIC2] nvarchar(255) NULL,
  [CHRONIC3] nvarchar(255) NULL,
  [CC2] nvarchar(max) NULL,
  [HPI2] nvarchar(max) NULL,
  [QUALITY2] nvarchar(max) NULL,
  [TIMING2] nvarchar(max) NULL,
  [DURATION2] nvarchar(max) NULL,
  [CONTEXT2] nvarchar(max) NULL,
  [SEVERITY2] nvarchar(max) NULL,
  [MODIFY2] nvarchar(max) NULL,
  [ASSOCIATED2] nvarchar(max) NULL,
  [LOCATION2] nvarchar(max) NULL,
  [CC3] nvarchar(max) NULL,
  [HPI3] nvarchar(max) NULL,
  [QUALITY3] nvarchar(max) NULL,
  [TIMING3] nvarchar(max) NULL,
  [DURATION3] nvarchar(max) NULL,
  [CONTEXT3] nvarchar(max) NULL,
  [SEVERITY3] nvarchar(max) NULL,
  [MODIFY3] nvarchar(max) NULL,
  [ASSOCIATED3] nvarchar(max) NULL,
  [LOCATION3] nvarchar(max) NULL,
  CONSTRAINT [PK_form_eye_hpi] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 44 64 ["table:form_eye_hpi"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_hpi] ([id], [pid]);
GO

-- table form_eye_locking
-- hisops:stmt 45 428 ["table:form_eye_locking"]
CREATE TABLE [form_eye_locking] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [IMP] nvarchar(max) NULL,
  [PLAN] nvarchar(max) NULL,
  [Resource] nvarchar(50) NULL,
  [Technician] nvarchar(50) NULL,
  [LOCKED] nvarchar(3) NULL,
  [LOCKEDDATE] datetime2(0) NOT NULL CONSTRAINT [DF_form_eye_locking_LOCKEDDATE] DEFAULT (sysdatetime()),
  [LOCKEDBY] nvarchar(50) NULL,
  CONSTRAINT [PK_form_eye_locking] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 46 68 ["table:form_eye_locking"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_locking] ([id], [pid]);
GO

-- table form_eye_mag_dispense
-- hisops:stmt 47 1914 ["table:form_eye_mag_dispense"]
CREATE TABLE [form_eye_mag_dispense] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NOT NULL CONSTRAINT [DF_form_eye_mag_dispense_date] DEFAULT (sysdatetime()),
  [encounter] bigint NULL,
  [pid] bigint NULL,
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [authorized] smallint NULL,
  [activity] smallint NULL,
  [REFDATE] datetime2(0) NULL,
  [REFTYPE] nvarchar(10) NULL,
  [RXTYPE] nvarchar(20) NULL,
  [ODSPH] nvarchar(10) NULL,
  [ODCYL] nvarchar(10) NULL,
  [ODAXIS] nvarchar(10) NULL,
  [OSSPH] nvarchar(10) NULL,
  [OSCYL] nvarchar(10) NULL,
  [OSAXIS] nvarchar(10) NULL,
  [ODMIDADD] nvarchar(10) NULL,
  [OSMIDADD] nvarchar(10) NULL,
  [ODADD] nvarchar(10) NULL,
  [OSADD] nvarchar(10) NULL,
  [ODHPD] nvarchar(20) NULL,
  [ODHBASE] nvarchar(20) NULL,
  [ODVPD] nvarchar(20) NULL,
  [ODVBASE] nvarchar(20) NULL,
  [ODSLABOFF] nvarchar(20) NULL,
  [ODVERTEXDIST] nvarchar(20) NULL,
  [OSHPD] nvarchar(20) NULL,
  [OSHBASE] nvarchar(20) NULL,
  [OSVPD] nvarchar(20) NULL,
  [OSVBASE] nvarchar(20) NULL,
  [OSSLABOFF] nvarchar(20) NULL,
  [OSVERTEXDIST] nvarchar(20) NULL,
  [ODMPDD] nvarchar(20) NULL,
  [ODMPDN] nvarchar(20) NULL,
  [OSMPDD] nvarchar(20) NULL,
  [OSMPDN] nvarchar(20) NULL,
  [BPDD] nvarchar(20) NULL,
  [BPDN] nvarchar(20) NULL,
  [LENS_MATERIAL] nvarchar(20) NULL,
  [LENS_TREATMENTS] nvarchar(100) NULL,
  [CTLMANUFACTUREROD] nvarchar(25) NULL,
  [CTLMANUFACTUREROS] nvarchar(25) NULL,
  [CTLSUPPLIEROD] nvarchar(25) NULL,
  [CTLSUPPLIEROS] nvarchar(25) NULL,
  [CTLBRANDOD] nvarchar(50) NULL,
  [CTLBRANDOS] nvarchar(50) NULL,
  [CTLODQUANTITY] nvarchar(255) NULL,
  [CTLOSQUANTITY] nvarchar(255) NULL,
  [ODDIAM] nvarchar(50) NULL,
  [ODBC] nvarchar(50) NULL,
  [OSDIAM] nvarchar(50) NULL,
  [OSBC] nvarchar(50) NULL,
  [RXCOMMENTS] nvarchar(max) NULL,
  [COMMENTS] nvarchar(max) NULL,
  CONSTRAINT [PK_form_eye_mag_dispense] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 48 83 ["table:form_eye_mag_dispense"]
CREATE UNIQUE INDEX [pid] ON [form_eye_mag_dispense] ([pid], [encounter], [id]);
GO

-- table form_eye_mag_impplan
-- hisops:stmt 49 447 ["table:form_eye_mag_impplan"]
CREATE TABLE [form_eye_mag_impplan] (
  [id] int IDENTITY(1,1) NOT NULL,
  [form_id] bigint NOT NULL,
  [pid] bigint NOT NULL,
  [title] nvarchar(255) NOT NULL,
  [code] nvarchar(50) NULL,
  [codetype] nvarchar(50) NULL,
  [codedesc] nvarchar(255) NULL,
  [codetext] nvarchar(255) NULL,
  [plan] nvarchar(3000) NULL,
  [PMSFH_link] nvarchar(50) NULL,
  [IMPPLAN_order] smallint NULL,
  CONSTRAINT [PK_form_eye_mag_impplan] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 50 100 ["table:form_eye_mag_impplan"]
CREATE UNIQUE INDEX [second_index] ON [form_eye_mag_impplan] ([form_id], [pid], [title], [plan]);
GO

-- table form_eye_mag_orders
-- hisops:stmt 51 466 ["table:form_eye_mag_orders"]
CREATE TABLE [form_eye_mag_orders] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [form_id] int NOT NULL,
  [pid] bigint NOT NULL,
  [ORDER_DETAILS] nvarchar(255) NOT NULL,
  [ORDER_STATUS] nvarchar(50) NULL,
  [ORDER_PRIORITY] nvarchar(50) NULL,
  [ORDER_DATE_PLACED] date NOT NULL,
  [ORDER_PLACED_BYWHOM] nvarchar(50) NULL,
  [ORDER_DATE_COMPLETED] date NULL,
  [ORDER_COMPLETED_BYWHOM] nvarchar(50) NULL,
  CONSTRAINT [PK_form_eye_mag_orders] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 52 105 ["table:form_eye_mag_orders"]
CREATE UNIQUE INDEX [VISIT_ID] ON [form_eye_mag_orders] ([pid], [ORDER_DETAILS], [ORDER_DATE_PLACED]);
GO

-- table form_eye_mag_prefs
-- hisops:stmt 53 543 ["table:form_eye_mag_prefs"]
CREATE TABLE [form_eye_mag_prefs] (
  [PEZONE] nvarchar(25) NULL,
  [LOCATION] nvarchar(25) NULL,
  [LOCATION_text] nvarchar(25) NOT NULL,
  [id] bigint NULL,
  [selection] nvarchar(255) NULL,
  [ZONE_ORDER] int NULL,
  [GOVALUE] nvarchar(10) NULL CONSTRAINT [DF_form_eye_mag_prefs_GOVALUE] DEFAULT ('0'),
  [ordering] smallint NULL,
  [FILL_ACTION] nvarchar(10) NOT NULL CONSTRAINT [DF_form_eye_mag_prefs_FILL_ACTION] DEFAULT ('ADD'),
  [GORIGHT] nvarchar(50) NOT NULL,
  [GOLEFT] nvarchar(50) NOT NULL,
  [UNSPEC] nvarchar(50) NOT NULL
);
GO

-- hisops:stmt 54 94 ["table:form_eye_mag_prefs"]
CREATE UNIQUE INDEX [id] ON [form_eye_mag_prefs] ([id], [PEZONE], [LOCATION], [selection]);
GO

-- table form_eye_mag_wearing
-- hisops:stmt 55 1302 ["table:form_eye_mag_wearing"]
CREATE TABLE [form_eye_mag_wearing] (
  [id] int IDENTITY(1,1) NOT NULL,
  [ENCOUNTER] int NOT NULL,
  [FORM_ID] smallint NOT NULL,
  [PID] bigint NOT NULL,
  [RX_NUMBER] int NOT NULL,
  [ODSPH] nvarchar(10) NULL,
  [ODCYL] nvarchar(10) NULL,
  [ODAXIS] nvarchar(10) NULL,
  [OSSPH] nvarchar(10) NULL,
  [OSCYL] nvarchar(10) NULL,
  [OSAXIS] nvarchar(10) NULL,
  [ODMIDADD] nvarchar(10) NULL,
  [OSMIDADD] nvarchar(10) NULL,
  [ODADD] nvarchar(10) NULL,
  [OSADD] nvarchar(10) NULL,
  [ODVA] nvarchar(10) NULL,
  [OSVA] nvarchar(10) NULL,
  [ODNEARVA] nvarchar(10) NULL,
  [OSNEARVA] nvarchar(10) NULL,
  [ODHPD] nvarchar(20) NULL,
  [ODHBASE] nvarchar(20) NULL,
  [ODVPD] nvarchar(20) NULL,
  [ODVBASE] nvarchar(20) NULL,
  [ODSLABOFF] nvarchar(20) NULL,
  [ODVERTEXDIST] nvarchar(20) NULL,
  [OSHPD] nvarchar(20) NULL,
  [OSHBASE] nvarchar(20) NULL,
  [OSVPD] nvarchar(20) NULL,
  [OSVBASE] nvarchar(20) NULL,
  [OSSLABOFF] nvarchar(20) NULL,
  [OSVERTEXDIST] nvarchar(20) NULL,
  [ODMPDD] nvarchar(20) NULL,
  [ODMPDN] nvarchar(20) NULL,
  [OSMPDD] nvarchar(20) NULL,
  [OSMPDN] nvarchar(20) NULL,
  [BPDD] nvarchar(20) NULL,
  [BPDN] nvarchar(20) NULL,
  [LENS_MATERIAL] nvarchar(20) NULL,
  [LENS_TREATMENTS] nvarchar(100) NULL,
  [RX_TYPE] nvarchar(25) NULL,
  [COMMENTS] nvarchar(max) NULL
);
GO

-- hisops:stmt 56 104 ["table:form_eye_mag_wearing"]
CREATE UNIQUE INDEX [FORM_ID] ON [form_eye_mag_wearing] ([FORM_ID], [ENCOUNTER], [PID], [RX_NUMBER]);
GO

-- hisops:stmt 57 61 ["table:form_eye_mag_wearing"]
CREATE UNIQUE INDEX [id] ON [form_eye_mag_wearing] ([id]);
GO

-- table form_eye_neuro
-- hisops:stmt 58 3345 ["table:form_eye_neuro"]
CREATE TABLE [form_eye_neuro] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [ACT] nchar(3) NOT NULL CONSTRAINT [DF_form_eye_neuro_ACT] DEFAULT ('on'),
  [ACT5CCDIST] nvarchar(max) NULL,
  [ACT1CCDIST] nvarchar(max) NULL,
  [ACT2CCDIST] nvarchar(max) NULL,
  [ACT3CCDIST] nvarchar(max) NULL,
  [ACT4CCDIST] nvarchar(max) NULL,
  [ACT6CCDIST] nvarchar(max) NULL,
  [ACT7CCDIST] nvarchar(max) NULL,
  [ACT8CCDIST] nvarchar(max) NULL,
  [ACT9CCDIST] nvarchar(max) NULL,
  [ACT10CCDIST] nvarchar(max) NULL,
  [ACT11CCDIST] nvarchar(max) NULL,
  [ACT1SCDIST] nvarchar(max) NULL,
  [ACT2SCDIST] nvarchar(max) NULL,
  [ACT3SCDIST] nvarchar(max) NULL,
  [ACT4SCDIST] nvarchar(max) NULL,
  [ACT5SCDIST] nvarchar(max) NULL,
  [ACT6SCDIST] nvarchar(max) NULL,
  [ACT7SCDIST] nvarchar(max) NULL,
  [ACT8SCDIST] nvarchar(max) NULL,
  [ACT9SCDIST] nvarchar(max) NULL,
  [ACT10SCDIST] nvarchar(max) NULL,
  [ACT11SCDIST] nvarchar(max) NULL,
  [ACT1SCNEAR] nvarchar(max) NULL,
  [ACT2SCNEAR] nvarchar(max) NULL,
  [ACT3SCNEAR] nvarchar(max) NULL,
  [ACT4SCNEAR] nvarchar(max) NULL,
  [ACT5CCNEAR] nvarchar(max) NULL,
  [ACT6CCNEAR] nvarchar(max) NULL,
  [ACT7CCNEAR] nvarchar(max) NULL,
  [ACT8CCNEAR] nvarchar(max) NULL,
  [ACT9CCNEAR] nvarchar(max) NULL,
  [ACT10CCNEAR] nvarchar(max) NULL,
  [ACT11CCNEAR] nvarchar(max) NULL,
  [ACT5SCNEAR] nvarchar(max) NULL,
  [ACT6SCNEAR] nvarchar(max) NULL,
  [ACT7SCNEAR] nvarchar(max) NULL,
  [ACT8SCNEAR] nvarchar(max) NULL,
  [ACT9SCNEAR] nvarchar(max) NULL,
  [ACT10SCNEAR] nvarchar(max) NULL,
  [ACT11SCNEAR] nvarchar(max) NULL,
  [ACT1CCNEAR] nvarchar(max) NULL,
  [ACT2CCNEAR] nvarchar(max) NULL,
  [ACT3CCNEAR] nvarchar(max) NULL,
  [ACT4CCNEAR] nvarchar(max) NULL,
  [MOTILITYNORMAL] nchar(3) NOT NULL CONSTRAINT [DF_form_eye_neuro_MOTILITYNORMAL] DEFAULT ('on'),
  [MOTILITY_RS] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_RS] DEFAULT ('0'),
  [MOTILITY_RI] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_RI] DEFAULT ('0'),
  [MOTILITY_RR] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_RR] DEFAULT ('0'),
  [MOTILITY_RL] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_RL] DEFAULT ('0'),
  [MOTILITY_LS] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_LS] DEFAULT ('0'),
  [MOTILITY_LI] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_LI] DEFAULT ('0'),
  [MOTILITY_LR] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_LR] DEFAULT ('0'),
  [MOTILITY_LL] nchar(1) NULL CONSTRAINT [DF_form_eye_neuro_MOTILITY_LL] DEFAULT ('0'),
  [MOTILITY_RRSO] int NULL,
  [MOTILITY_RLSO] int NULL,
  [MOTILITY_RRIO] int NULL,
  [MOTILITY_RLIO] int NULL,
  [MOTILITY_LRSO] int NULL,
  [MOTILITY_LLSO] int NULL,
  [MOTILITY_LRIO] int NULL,
  [MOTILITY_LLIO] int NULL,
  [NEURO_COMMENTS] nvarchar(max) NULL,
  [STEREOPSIS] nvarchar(25) NULL,
  [ODNPA] nvarchar(max) NULL,
  [OSNPA] nvarchar(max) NULL,
  [VERTFUSAMPS] nvarchar(max) NULL,
  [DIVERGENCEAMPS] nvarchar(max) NULL,
  [NPC] nvarchar(10) NULL,
  [DACCDIST] nvarchar(20) NULL,
  [DACCNEAR] nvarchar(20) NULL,
  [CACCDIST] nvarchar(20) NULL,
  [CACCNEAR] nvarchar(20) NULL,
  [ODCOLOR] nvarchar(max) NULL,
  [OSCOLOR] nvarchar(max) NULL,
  [ODCOINS] nvarchar(max) NULL,
  [OSCOINS] nvarchar(max) NULL,
  [ODREDDESAT] nvarchar(20) NULL,
  [OSREDDESAT] nvarchar(20) NULL,
  CONSTRAINT [PK_form_eye_neuro] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 59 66 ["table:form_eye_neuro"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_neuro] ([id], [pid]);
GO

-- table form_eye_postseg
-- hisops:stmt 60 972 ["table:form_eye_postseg"]
CREATE TABLE [form_eye_postseg] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [ODDISC] nvarchar(max) NULL,
  [OSDISC] nvarchar(max) NULL,
  [ODCUP] nvarchar(max) NULL,
  [OSCUP] nvarchar(max) NULL,
  [ODMACULA] nvarchar(max) NULL,
  [OSMACULA] nvarchar(max) NULL,
  [ODVESSELS] nvarchar(max) NULL,
  [OSVESSELS] nvarchar(max) NULL,
  [ODVITREOUS] nvarchar(max) NULL,
  [OSVITREOUS] nvarchar(max) NULL,
  [ODPERIPH] nvarchar(max) NULL,
  [OSPERIPH] nvarchar(max) NULL,
  [ODCMT] nvarchar(max) NULL,
  [OSCMT] nvarchar(max) NULL,
  [RETINA_COMMENTS] nvarchar(max) NULL,
  [DIL_RISKS] nchar(2) NOT NULL CONSTRAINT [DF_form_eye_postseg_DIL_RISKS] DEFAULT ('on'),
  [DIL_MEDS] nvarchar(max) NULL,
  [WETTYPE] nvarchar(10) NOT NULL,
  [ATROPINE] nvarchar(25) NOT NULL,
  [CYCLOMYDRIL] nvarchar(25) NOT NULL,
  [TROPICAMIDE] nvarchar(25) NOT NULL,
  [CYCLOGYL] nvarchar(25) NOT NULL,
  [NEO25] nvarchar(25) NOT NULL,
  CONSTRAINT [PK_form_eye_postseg] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 61 68 ["table:form_eye_postseg"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_postseg] ([id], [pid]);
GO

-- table form_eye_refraction
-- hisops:stmt 62 2243 ["table:form_eye_refraction"]
CREATE TABLE [form_eye_refraction] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [MRODSPH] nvarchar(25) NULL,
  [MRODCYL] nvarchar(25) NULL,
  [MRODAXIS] nvarchar(25) NULL,
  [MRODPRISM] nvarchar(25) NULL,
  [MRODBASE] nvarchar(25) NULL,
  [MRODADD] nvarchar(25) NULL,
  [MROSSPH] nvarchar(25) NULL,
  [MROSCYL] nvarchar(25) NULL,
  [MROSAXIS] nvarchar(25) NULL,
  [MROSPRISM] nvarchar(50) NULL,
  [MROSBASE] nvarchar(50) NULL,
  [MROSADD] nvarchar(25) NULL,
  [MRODNEARSPHERE] nvarchar(25) NULL,
  [MRODNEARCYL] nvarchar(25) NULL,
  [MRODNEARAXIS] nvarchar(25) NULL,
  [MRODPRISMNEAR] nvarchar(50) NULL,
  [MRODBASENEAR] nvarchar(25) NULL,
  [MROSNEARSHPERE] nvarchar(25) NULL,
  [MROSNEARCYL] nvarchar(25) NULL,
  [MROSNEARAXIS] nvarchar(125) NULL,
  [MROSPRISMNEAR] nvarchar(50) NULL,
  [MROSBASENEAR] nvarchar(25) NULL,
  [CRODSPH] nvarchar(25) NULL,
  [CRODCYL] nvarchar(25) NULL,
  [CRODAXIS] nvarchar(25) NULL,
  [CROSSPH] nvarchar(25) NULL,
  [CROSCYL] nvarchar(25) NULL,
  [CROSAXIS] nvarchar(25) NULL,
  [CRCOMMENTS] nvarchar(255) NULL,
  [BALANCED] nchar(2) NOT NULL,
  [ARODSPH] nvarchar(25) NULL,
  [ARODCYL] nvarchar(25) NULL,
  [ARODAXIS] nvarchar(25) NULL,
  [AROSSPH] nvarchar(25) NULL,
  [AROSCYL] nvarchar(25) NULL,
  [AROSAXIS] nvarchar(25) NULL,
  [ARODADD] nvarchar(25) NULL,
  [AROSADD] nvarchar(25) NULL,
  [ARNEARODVA] nvarchar(25) NULL,
  [ARNEAROSVA] nvarchar(25) NULL,
  [ARODPRISM] nvarchar(50) NULL,
  [AROSPRISM] nvarchar(50) NULL,
  [CTLODSPH] nvarchar(25) NULL,
  [CTLODCYL] nvarchar(25) NULL,
  [CTLODAXIS] nvarchar(25) NULL,
  [CTLODBC] nvarchar(25) NULL,
  [CTLODDIAM] nvarchar(25) NULL,
  [CTLOSSPH] nvarchar(25) NULL,
  [CTLOSCYL] nvarchar(25) NULL,
  [CTLOSAXIS] nvarchar(25) NULL,
  [CTLOSBC] nvarchar(25) NULL,
  [CTLOSDIAM] nvarchar(25) NULL,
  [CTL_COMMENTS] nvarchar(max) NULL,
  [CTLMANUFACTUREROD] nvarchar(50) NULL,
  [CTLSUPPLIEROD] nvarchar(50) NULL,
  [CTLBRANDOD] nvarchar(50) NULL,
  [CTLMANUFACTUREROS] nvarchar(50) NULL,
  [CTLSUPPLIEROS] nvarchar(50) NULL,
  [CTLBRANDOS] nvarchar(50) NULL,
  [CTLODADD] nvarchar(25) NULL,
  [CTLOSADD] nvarchar(25) NULL,
  [NVOCHECKED] nvarchar(25) NULL,
  [ADDCHECKED] nvarchar(25) NULL,
  CONSTRAINT [PK_form_eye_refraction] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 63 71 ["table:form_eye_refraction"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_refraction] ([id], [pid]);
GO

-- table form_eye_ros
-- hisops:stmt 64 560 ["table:form_eye_ros"]
CREATE TABLE [form_eye_ros] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [ROSGENERAL] nvarchar(max) NULL,
  [ROSHEENT] nvarchar(max) NULL,
  [ROSCV] nvarchar(max) NULL,
  [ROSPULM] nvarchar(max) NULL,
  [ROSGI] nvarchar(max) NULL,
  [ROSGU] nvarchar(max) NULL,
  [ROSDERM] nvarchar(max) NULL,
  [ROSNEURO] nvarchar(max) NULL,
  [ROSPSYCH] nvarchar(max) NULL,
  [ROSMUSCULO] nvarchar(max) NULL,
  [ROSIMMUNO] nvarchar(max) NULL,
  [ROSENDOCRINE] nvarchar(max) NULL,
  [ROSCOMMENTS] nvarchar(max) NULL,
  CONSTRAINT [PK_form_eye_ros] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 65 64 ["table:form_eye_ros"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_ros] ([id], [pid]);
GO

-- table form_eye_vitals
-- hisops:stmt 66 1043 ["table:form_eye_vitals"]
CREATE TABLE [form_eye_vitals] (
  [id] bigint NOT NULL,
  [pid] bigint NULL,
  [alert] nchar(3) NULL CONSTRAINT [DF_form_eye_vitals_alert] DEFAULT ('yes'),
  [oriented] nchar(3) NULL CONSTRAINT [DF_form_eye_vitals_oriented] DEFAULT ('TPP'),
  [confused] nchar(3) NULL CONSTRAINT [DF_form_eye_vitals_confused] DEFAULT ('nml'),
  [ODIOPAP] nvarchar(10) NULL,
  [OSIOPAP] nvarchar(10) NULL,
  [ODIOPTPN] nvarchar(10) NULL,
  [OSIOPTPN] nvarchar(10) NULL,
  [ODIOPFTN] nvarchar(10) NULL,
  [OSIOPFTN] nvarchar(10) NULL,
  [IOPTIME] time(0) NOT NULL,
  [ODIOPPOST] nvarchar(10) NOT NULL,
  [OSIOPPOST] nvarchar(10) NOT NULL,
  [IOPPOSTTIME] time(0) NULL,
  [ODIOPTARGET] nvarchar(10) NOT NULL,
  [OSIOPTARGET] nvarchar(10) NOT NULL,
  [AMSLEROD] smallint NULL,
  [AMSLEROS] smallint NULL,
  [ODVF1] smallint NULL,
  [ODVF2] smallint NULL,
  [ODVF3] smallint NULL,
  [ODVF4] smallint NULL,
  [OSVF1] smallint NULL,
  [OSVF2] smallint NULL,
  [OSVF3] smallint NULL,
  [OSVF4] smallint NULL,
  CONSTRAINT [PK_form_eye_vitals] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 67 67 ["table:form_eye_vitals"]
CREATE UNIQUE INDEX [id_pid] ON [form_eye_vitals] ([id], [pid]);
GO

-- table form_functional_cognitive_status
-- hisops:stmt 68 407 ["table:form_functional_cognitive_status"]
CREATE TABLE [form_functional_cognitive_status] (
  [id] bigint NOT NULL,
  [date] date NULL,
  [pid] bigint NULL,
  [encounter] nvarchar(255) NULL,
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [authorized] smallint NULL,
  [activity] smallint NULL,
  [code] nvarchar(255) NULL,
  [codetext] nvarchar(max) NULL,
  [description] nvarchar(max) NULL,
  [external_id] nvarchar(30) NULL
);
GO

-- table form_group_attendance
-- hisops:stmt 69 332 ["table:form_group_attendance"]
CREATE TABLE [form_group_attendance] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] date NULL,
  [group_id] int NULL,
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [authorized] smallint NULL,
  [encounter_id] int NULL,
  [activity] smallint NULL,
  CONSTRAINT [PK_form_group_attendance] PRIMARY KEY ([id])
);
GO

-- table form_groups_encounter
-- hisops:stmt 70 1516 ["table:form_groups_encounter"]
CREATE TABLE [form_groups_encounter] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL,
  [reason] nvarchar(max) NULL,
  [facility] nvarchar(max) NULL,
  [facility_id] int NOT NULL CONSTRAINT [DF_form_groups_encounter_facility_id] DEFAULT (0),
  [group_id] bigint NULL,
  [encounter] bigint NULL,
  [onset_date] datetime2(0) NULL,
  [sensitivity] nvarchar(30) NULL,
  [billing_note] nvarchar(max) NULL,
  [pc_catid] int NOT NULL CONSTRAINT [DF_form_groups_encounter_pc_catid] DEFAULT (5),
  [last_level_billed] int NOT NULL CONSTRAINT [DF_form_groups_encounter_last_level_billed] DEFAULT (0),
  [last_level_closed] int NOT NULL CONSTRAINT [DF_form_groups_encounter_last_level_closed] DEFAULT (0),
  [last_stmt_date] date NULL,
  [stmt_count] int NOT NULL CONSTRAINT [DF_form_groups_encounter_stmt_count] DEFAULT (0),
  [provider_id] int NULL CONSTRAINT [DF_form_groups_encounter_provider_id] DEFAULT (0),
  [supervisor_id] int NULL CONSTRAINT [DF_form_groups_encounter_supervisor_id] DEFAULT (0),
  [invoice_refno] nvarchar(31) NOT NULL CONSTRAINT [DF_form_groups_encounter_invoice_refno] DEFAULT (''),
  [referral_source] nvarchar(31) NOT NULL CONSTRAINT [DF_form_groups_encounter_referral_source] DEFAULT (''),
  [billing_facility] int NOT NULL CONSTRAINT [DF_form_groups_encounter_billing_facility] DEFAULT (0),
  [external_id] nvarchar(20) NULL,
  [pos_code] smallint NULL,
  [counselors] nvarchar(255) NULL,
  [appt_id] int NULL,
  CONSTRAINT [PK_form_groups_encounter] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 71 69 ["table:form_groups_encounter"]
CREATE INDEX [encounter_date] ON [form_groups_encounter] ([date]);
GO

-- hisops:stmt 72 85 ["table:form_groups_encounter"]
CREATE INDEX [pid_encounter] ON [form_groups_encounter] ([group_id], [encounter]);
GO

-- table form_observation
-- hisops:stmt 73 493 ["table:form_observation"]
CREATE TABLE [form_observation] (
  [id] bigint NOT NULL,
  [date] date NULL,
  [pid] bigint NULL,
  [encounter] nvarchar(255) NULL,
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [authorized] smallint NULL,
  [activity] smallint NULL,
  [code] nvarchar(255) NULL,
  [observation] nvarchar(255) NULL,
  [ob_value] nvarchar(255) NULL,
  [ob_unit] nvarchar(255) NULL,
  [description] nvarchar(255) NULL,
  [code_type] nvarchar(255) NULL,
  [table_code] nvarchar(255) NULL
);
GO

-- table form_taskman
-- hisops:stmt 74 497 ["table:form_taskman"]
CREATE TABLE [form_taskman] (
  [ID] bigint IDENTITY(1,1) NOT NULL,
  [REQ_DATE] datetime2(0) NOT NULL,
  [FROM_ID] bigint NOT NULL,
  [TO_ID] bigint NOT NULL,
  [PATIENT_ID] bigint NOT NULL,
  [DOC_TYPE] nvarchar(20) NULL,
  [DOC_ID] bigint NULL,
  [ENC_ID] bigint NULL,
  [METHOD] nvarchar(20) NOT NULL,
  [COMPLETED] nvarchar(1) NULL,
  [COMPLETED_DATE] datetime2(0) NULL,
  [COMMENT] nvarchar(50) NULL,
  [USERFIELD_1] nvarchar(50) NULL,
  CONSTRAINT [PK_form_taskman] PRIMARY KEY ([ID])
);
GO

-- table immunization_observation
-- hisops:stmt 75 622 ["table:immunization_observation"]
CREATE TABLE [immunization_observation] (
  [imo_id] int IDENTITY(1,1) NOT NULL,
  [imo_im_id] int NOT NULL,
  [imo_pid] int NULL,
  [imo_criteria] nvarchar(255) NULL,
  [imo_criteria_value] nvarchar(255) NULL,
  [imo_user] int NULL,
  [imo_code] nvarchar(255) NULL,
  [imo_codetext] nvarchar(255) NULL,
  [imo_codetype] nvarchar(255) NULL,
  [imo_vis_date_published] date NULL,
  [imo_vis_date_presented] date NULL,
  [imo_date_observation] datetime2(0) NOT NULL CONSTRAINT [DF_immunization_observation_imo_date_observation] DEFAULT (sysdatetime()),
  CONSTRAINT [PK_immunization_observation] PRIMARY KEY ([imo_id])
);
GO

-- table issue_types
-- hisops:stmt 76 934 ["table:issue_types"]
CREATE TABLE [issue_types] (
  [active] smallint NOT NULL CONSTRAINT [DF_issue_types_active] DEFAULT (1),
  [category] nvarchar(75) NOT NULL CONSTRAINT [DF_issue_types_category] DEFAULT (''),
  [type] nvarchar(75) NOT NULL CONSTRAINT [DF_issue_types_type] DEFAULT (''),
  [plural] nvarchar(75) NOT NULL CONSTRAINT [DF_issue_types_plural] DEFAULT (''),
  [singular] nvarchar(75) NOT NULL CONSTRAINT [DF_issue_types_singular] DEFAULT (''),
  [abbreviation] nvarchar(75) NOT NULL CONSTRAINT [DF_issue_types_abbreviation] DEFAULT (''),
  [style] smallint NOT NULL CONSTRAINT [DF_issue_types_style] DEFAULT (0),
  [force_show] smallint NOT NULL CONSTRAINT [DF_issue_types_force_show] DEFAULT (0),
  [ordering] int NOT NULL CONSTRAINT [DF_issue_types_ordering] DEFAULT (0),
  [aco_spec] nvarchar(63) NOT NULL CONSTRAINT [DF_issue_types_aco_spec] DEFAULT ('patients|med'),
  CONSTRAINT [PK_issue_types] PRIMARY KEY ([category], [type])
);
GO

-- table keys
-- hisops:stmt 77 208 ["table:keys"]
CREATE TABLE [keys] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [name] nvarchar(20) NOT NULL CONSTRAINT [DF_keys_name] DEFAULT (''),
  [value] nvarchar(max) NULL,
  CONSTRAINT [PK_keys] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 78 49 ["table:keys"]
CREATE UNIQUE INDEX [name] ON [keys] ([name]);
GO

-- table layout_group_properties
-- hisops:stmt 79 1581 ["table:layout_group_properties"]
CREATE TABLE [layout_group_properties] (
  [grp_form_id] nvarchar(31) NOT NULL,
  [grp_group_id] nvarchar(31) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_group_id] DEFAULT (''),
  [grp_title] nvarchar(63) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_title] DEFAULT (''),
  [grp_subtitle] nvarchar(63) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_subtitle] DEFAULT (''),
  [grp_mapping] nvarchar(31) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_mapping] DEFAULT (''),
  [grp_seq] int NOT NULL CONSTRAINT [DF_layout_group_properties_grp_seq] DEFAULT (0),
  [grp_activity] smallint NOT NULL CONSTRAINT [DF_layout_group_properties_grp_activity] DEFAULT (1),
  [grp_repeats] int NOT NULL CONSTRAINT [DF_layout_group_properties_grp_repeats] DEFAULT (0),
  [grp_columns] int NOT NULL CONSTRAINT [DF_layout_group_properties_grp_columns] DEFAULT (0),
  [grp_size] int NOT NULL CONSTRAINT [DF_layout_group_properties_grp_size] DEFAULT (0),
  [grp_issue_type] nvarchar(75) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_issue_type] DEFAULT (''),
  [grp_aco_spec] nvarchar(63) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_aco_spec] DEFAULT (''),
  [grp_services] nvarchar(max) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_services] DEFAULT (''),
  [grp_products] nvarchar(max) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_products] DEFAULT (''),
  [grp_diags] nvarchar(max) NOT NULL CONSTRAINT [DF_layout_group_properties_grp_diags] DEFAULT (''),
  CONSTRAINT [PK_layout_group_properties] PRIMARY KEY ([grp_form_id], [grp_group_id])
);
GO

-- table lbt_data
-- hisops:stmt 80 195 ["table:lbt_data"]
CREATE TABLE [lbt_data] (
  [form_id] bigint NOT NULL,
  [field_id] nvarchar(31) NOT NULL,
  [field_value] nvarchar(max) NULL,
  CONSTRAINT [PK_lbt_data] PRIMARY KEY ([form_id], [field_id])
);
GO

-- table log_comment_encrypt
-- hisops:stmt 81 372 ["table:log_comment_encrypt"]
CREATE TABLE [log_comment_encrypt] (
  [id] int IDENTITY(1,1) NOT NULL,
  [log_id] int NOT NULL,
  [encrypt] nvarchar(3) NOT NULL CONSTRAINT [DF_log_comment_encrypt_encrypt] DEFAULT ('No'),
  [checksum] nvarchar(max) NULL,
  [version] smallint NOT NULL CONSTRAINT [DF_log_comment_encrypt_version] DEFAULT (0),
  CONSTRAINT [PK_log_comment_encrypt] PRIMARY KEY ([id])
);
GO

-- table log_validator
-- hisops:stmt 82 156 ["table:log_validator"]
CREATE TABLE [log_validator] (
  [log_id] bigint NOT NULL,
  [log_checksum] nvarchar(max) NULL,
  CONSTRAINT [PK_log_validator] PRIMARY KEY ([log_id])
);
GO

-- table login_mfa_registrations
-- hisops:stmt 83 435 ["table:login_mfa_registrations"]
CREATE TABLE [login_mfa_registrations] (
  [user_id] bigint NOT NULL,
  [name] nvarchar(30) NOT NULL,
  [last_challenge] datetime2(0) NULL,
  [method] nvarchar(31) NOT NULL,
  [var1] nvarchar(max) NOT NULL CONSTRAINT [DF_login_mfa_registrations_var1] DEFAULT (''),
  [var2] nvarchar(256) NOT NULL CONSTRAINT [DF_login_mfa_registrations_var2] DEFAULT (''),
  CONSTRAINT [PK_login_mfa_registrations] PRIMARY KEY ([user_id], [name])
);
GO

-- table medex_icons
-- hisops:stmt 84 298 ["table:medex_icons"]
CREATE TABLE [medex_icons] (
  [i_UID] int IDENTITY(1,1) NOT NULL,
  [msg_type] nvarchar(50) NOT NULL,
  [msg_status] nvarchar(10) NOT NULL,
  [i_description] nvarchar(255) NULL,
  [i_html] nvarchar(max) NULL,
  [i_blob] nvarchar(max) NULL,
  CONSTRAINT [PK_medex_icons] PRIMARY KEY ([i_UID])
);
GO

-- table medex_outgoing
-- hisops:stmt 85 517 ["table:medex_outgoing"]
CREATE TABLE [medex_outgoing] (
  [msg_uid] int IDENTITY(1,1) NOT NULL,
  [msg_pid] int NOT NULL,
  [msg_pc_eid] nvarchar(11) NOT NULL,
  [campaign_uid] int NOT NULL CONSTRAINT [DF_medex_outgoing_campaign_uid] DEFAULT (0),
  [msg_date] datetime2(0) NOT NULL CONSTRAINT [DF_medex_outgoing_msg_date] DEFAULT (sysdatetime()),
  [msg_type] nvarchar(50) NOT NULL,
  [msg_reply] nvarchar(50) NULL,
  [msg_extra_text] nvarchar(max) NULL,
  [medex_uid] int NULL,
  CONSTRAINT [PK_medex_outgoing] PRIMARY KEY ([msg_uid])
);
GO

-- hisops:stmt 86 92 ["table:medex_outgoing"]
CREATE UNIQUE INDEX [msg_eid] ON [medex_outgoing] ([msg_uid], [msg_pc_eid], [medex_uid]);
GO

-- table medex_prefs
-- hisops:stmt 87 797 ["table:medex_prefs"]
CREATE TABLE [medex_prefs] (
  [MedEx_id] int NULL CONSTRAINT [DF_medex_prefs_MedEx_id] DEFAULT (0),
  [ME_username] nvarchar(100) NULL,
  [ME_api_key] nvarchar(max) NULL,
  [ME_facilities] nvarchar(50) NULL,
  [ME_providers] nvarchar(100) NULL,
  [ME_hipaa_default_override] nvarchar(3) NULL,
  [PHONE_country_code] int NOT NULL CONSTRAINT [DF_medex_prefs_PHONE_country_code] DEFAULT (1),
  [MSGS_default_yes] nvarchar(3) NULL,
  [POSTCARDS_local] nvarchar(3) NULL,
  [POSTCARDS_remote] nvarchar(3) NULL,
  [LABELS_local] nvarchar(3) NULL,
  [LABELS_choice] nvarchar(50) NULL,
  [combine_time] smallint NULL,
  [postcard_top] nvarchar(255) NULL,
  [status] nvarchar(max) NULL,
  [MedEx_lastupdated] datetime2(0) NOT NULL CONSTRAINT [DF_medex_prefs_MedEx_lastupdated] DEFAULT (sysdatetime())
);
GO

-- hisops:stmt 88 70 ["table:medex_prefs"]
CREATE UNIQUE INDEX [ME_username] ON [medex_prefs] ([ME_username]);
GO

-- table medex_recalls
-- hisops:stmt 89 337 ["table:medex_recalls"]
CREATE TABLE [medex_recalls] (
  [r_ID] int IDENTITY(1,1) NOT NULL,
  [r_PRACTID] int NOT NULL,
  [r_pid] int NOT NULL,
  [r_eventDate] date NOT NULL,
  [r_facility] int NOT NULL,
  [r_provider] int NOT NULL,
  [r_reason] nvarchar(255) NULL,
  [r_created] datetime2(0) NOT NULL,
  CONSTRAINT [PK_medex_recalls] PRIMARY KEY ([r_ID])
);
GO

-- hisops:stmt 90 77 ["table:medex_recalls"]
CREATE UNIQUE INDEX [r_PRACTID] ON [medex_recalls] ([r_PRACTID], [r_pid]);
GO

-- table misc_address_book
-- hisops:stmt 91 366 ["table:misc_address_book"]
CREATE TABLE [misc_address_book] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [fname] nvarchar(255) NULL,
  [mname] nvarchar(255) NULL,
  [lname] nvarchar(255) NULL,
  [street] nvarchar(60) NULL,
  [city] nvarchar(30) NULL,
  [state] nvarchar(30) NULL,
  [zip] nvarchar(20) NULL,
  [phone] nvarchar(30) NULL,
  CONSTRAINT [PK_misc_address_book] PRIMARY KEY ([id])
);
GO

-- table module_acl_group_settings
-- hisops:stmt 92 255 ["table:module_acl_group_settings"]
CREATE TABLE [module_acl_group_settings] (
  [module_id] int NOT NULL,
  [group_id] int NOT NULL,
  [section_id] int NOT NULL,
  [allowed] smallint NULL,
  CONSTRAINT [PK_module_acl_group_settings] PRIMARY KEY ([module_id], [group_id], [section_id])
);
GO

-- table module_acl_sections
-- hisops:stmt 93 198 ["table:module_acl_sections"]
CREATE TABLE [module_acl_sections] (
  [section_id] int NULL,
  [section_name] nvarchar(255) NULL,
  [parent_section] int NULL,
  [section_identifier] nvarchar(50) NULL,
  [module_id] int NULL
);
GO

-- table module_acl_user_settings
-- hisops:stmt 94 246 ["table:module_acl_user_settings"]
CREATE TABLE [module_acl_user_settings] (
  [module_id] int NOT NULL,
  [user_id] int NOT NULL,
  [section_id] int NOT NULL,
  [allowed] int NULL,
  CONSTRAINT [PK_module_acl_user_settings] PRIMARY KEY ([module_id], [user_id], [section_id])
);
GO

-- table module_configuration
-- hisops:stmt 95 273 ["table:module_configuration"]
CREATE TABLE [module_configuration] (
  [module_config_id] int IDENTITY(1,1) NOT NULL,
  [module_id] bigint NOT NULL,
  [field_name] nvarchar(45) NOT NULL,
  [field_value] nvarchar(255) NOT NULL,
  CONSTRAINT [PK_module_configuration] PRIMARY KEY ([module_config_id])
);
GO

-- table modules
-- hisops:stmt 96 1448 ["table:modules"]
CREATE TABLE [modules] (
  [mod_id] int IDENTITY(1,1) NOT NULL,
  [mod_name] nvarchar(64) NOT NULL CONSTRAINT [DF_modules_mod_name] DEFAULT ('0'),
  [mod_directory] nvarchar(64) NOT NULL CONSTRAINT [DF_modules_mod_directory] DEFAULT (''),
  [mod_parent] nvarchar(64) NOT NULL CONSTRAINT [DF_modules_mod_parent] DEFAULT (''),
  [mod_type] nvarchar(64) NOT NULL CONSTRAINT [DF_modules_mod_type] DEFAULT (''),
  [mod_active] bigint NOT NULL CONSTRAINT [DF_modules_mod_active] DEFAULT (0),
  [mod_ui_name] nvarchar(20) NOT NULL CONSTRAINT [DF_modules_mod_ui_name] DEFAULT (''''),
  [mod_relative_link] nvarchar(64) NOT NULL CONSTRAINT [DF_modules_mod_relative_link] DEFAULT (''),
  [mod_ui_order] smallint NOT NULL CONSTRAINT [DF_modules_mod_ui_order] DEFAULT (0),
  [mod_ui_active] bigint NOT NULL CONSTRAINT [DF_modules_mod_ui_active] DEFAULT (0),
  [mod_description] nvarchar(255) NOT NULL CONSTRAINT [DF_modules_mod_description] DEFAULT (''),
  [mod_nick_name] nvarchar(25) NOT NULL CONSTRAINT [DF_modules_mod_nick_name] DEFAULT (''),
  [mod_enc_menu] nvarchar(10) NOT NULL CONSTRAINT [DF_modules_mod_enc_menu] DEFAULT ('no'),
  [permissions_item_table] nchar(100) NULL,
  [directory] nvarchar(255) NOT NULL,
  [date] datetime2(0) NOT NULL,
  [sql_run] smallint NULL CONSTRAINT [DF_modules_sql_run] DEFAULT (0),
  [type] smallint NULL CONSTRAINT [DF_modules_type] DEFAULT (0),
  CONSTRAINT [PK_modules] PRIMARY KEY ([mod_id], [mod_directory])
);
GO

-- table modules_hooks_settings
-- hisops:stmt 97 234 ["table:modules_hooks_settings"]
CREATE TABLE [modules_hooks_settings] (
  [id] int IDENTITY(1,1) NOT NULL,
  [mod_id] int NULL,
  [enabled_hooks] nvarchar(255) NULL,
  [attached_to] nvarchar(45) NULL,
  CONSTRAINT [PK_modules_hooks_settings] PRIMARY KEY ([id])
);
GO

-- table modules_settings
-- hisops:stmt 98 183 ["table:modules_settings"]
CREATE TABLE [modules_settings] (
  [mod_id] int NULL,
  [fld_type] smallint NULL,
  [obj_name] nvarchar(255) NULL,
  [menu_name] nvarchar(255) NULL,
  [path] nvarchar(255) NULL
);
GO

-- table multiple_db
-- hisops:stmt 99 514 ["table:multiple_db"]
CREATE TABLE [multiple_db] (
  [id] int IDENTITY(1,1) NOT NULL,
  [namespace] nvarchar(255) NOT NULL,
  [username] nvarchar(255) NOT NULL,
  [password] nvarchar(max) NULL,
  [dbname] nvarchar(255) NOT NULL,
  [host] nvarchar(255) NOT NULL CONSTRAINT [DF_multiple_db_host] DEFAULT ('localhost'),
  [port] smallint NOT NULL CONSTRAINT [DF_multiple_db_port] DEFAULT (3306),
  [date] datetime2(0) NOT NULL CONSTRAINT [DF_multiple_db_date] DEFAULT (sysdatetime()),
  CONSTRAINT [PK_multiple_db] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 100 66 ["table:multiple_db"]
CREATE UNIQUE INDEX [namespace] ON [multiple_db] ([namespace]);
GO

-- table onsite_documents
-- hisops:stmt 101 887 ["table:onsite_documents"]
CREATE TABLE [onsite_documents] (
  [id] int IDENTITY(1,1) NOT NULL,
  [pid] decimal(20,0) NULL,
  [facility] bigint NULL,
  [provider] bigint NULL,
  [encounter] bigint NULL,
  [create_date] datetime2(0) NOT NULL CONSTRAINT [DF_onsite_documents_create_date] DEFAULT (sysdatetime()),
  [doc_type] nvarchar(255) NOT NULL,
  [patient_signed_status] int NOT NULL,
  [patient_signed_time] datetime2(0) NOT NULL,
  [authorize_signed_time] datetime2(0) NULL,
  [accept_signed_status] smallint NOT NULL,
  [authorizing_signator] nvarchar(50) NOT NULL,
  [review_date] datetime2(0) NOT NULL,
  [denial_reason] nvarchar(255) NOT NULL,
  [authorized_signature] nvarchar(max) NULL,
  [patient_signature] nvarchar(max) NULL,
  [full_document] varbinary(max) NULL,
  [file_name] nvarchar(255) NOT NULL,
  [file_path] nvarchar(255) NOT NULL,
  CONSTRAINT [PK_onsite_documents] PRIMARY KEY ([id])
);
GO

-- table onsite_mail
-- hisops:stmt 102 962 ["table:onsite_mail"]
CREATE TABLE [onsite_mail] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL,
  [owner] nvarchar(128) NULL,
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [activity] smallint NULL,
  [authorized] smallint NULL,
  [header] nvarchar(255) NULL,
  [title] nvarchar(255) NULL,
  [body] nvarchar(max) NULL,
  [recipient_id] nvarchar(128) NULL,
  [recipient_name] nvarchar(255) NULL,
  [sender_id] nvarchar(128) NULL,
  [sender_name] nvarchar(255) NULL,
  [assigned_to] nvarchar(255) NULL,
  [deleted] smallint NULL CONSTRAINT [DF_onsite_mail_deleted] DEFAULT (0),
  [delete_date] datetime2(0) NULL,
  [mtype] nvarchar(128) NULL,
  [message_status] nvarchar(20) NOT NULL CONSTRAINT [DF_onsite_mail_message_status] DEFAULT ('New'),
  [mail_chain] int NULL,
  [reply_mail_chain] int NULL,
  [is_msg_encrypted] smallint NULL CONSTRAINT [DF_onsite_mail_is_msg_encrypted] DEFAULT (0),
  CONSTRAINT [PK_onsite_mail] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 103 49 ["table:onsite_mail"]
CREATE INDEX [pid] ON [onsite_mail] ([owner]);
GO

-- table onsite_messages
-- hisops:stmt 104 326 ["table:onsite_messages"]
CREATE TABLE [onsite_messages] (
  [id] int IDENTITY(1,1) NOT NULL,
  [username] nvarchar(64) NOT NULL,
  [message] nvarchar(max) NULL,
  [ip] nvarchar(15) NOT NULL,
  [date] datetime2(0) NOT NULL,
  [sender_id] nvarchar(64) NULL,
  [recip_id] nvarchar(255) NOT NULL,
  CONSTRAINT [PK_onsite_messages] PRIMARY KEY ([id])
);
GO

-- table onsite_online
-- hisops:stmt 105 250 ["table:onsite_online"]
CREATE TABLE [onsite_online] (
  [hash] nvarchar(32) NOT NULL,
  [ip] nvarchar(15) NOT NULL,
  [last_update] datetime2(0) NOT NULL,
  [username] nvarchar(64) NOT NULL,
  [userid] bigint NULL,
  CONSTRAINT [PK_onsite_online] PRIMARY KEY ([hash])
);
GO

-- table onsite_portal_activity
-- hisops:stmt 106 643 ["table:onsite_portal_activity"]
CREATE TABLE [onsite_portal_activity] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL,
  [patient_id] bigint NULL,
  [activity] nvarchar(255) NULL,
  [require_audit] smallint NULL CONSTRAINT [DF_onsite_portal_activity_require_audit] DEFAULT (1),
  [pending_action] nvarchar(255) NULL,
  [action_taken] nvarchar(255) NULL,
  [status] nvarchar(255) NULL,
  [narrative] nvarchar(max) NULL,
  [table_action] nvarchar(max) NULL,
  [table_args] nvarchar(max) NULL,
  [action_user] int NULL,
  [action_taken_time] datetime2(0) NULL,
  [checksum] nvarchar(max) NULL,
  CONSTRAINT [PK_onsite_portal_activity] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 107 60 ["table:onsite_portal_activity"]
CREATE INDEX [date] ON [onsite_portal_activity] ([date]);
GO

-- table onsite_signatures
-- hisops:stmt 108 686 ["table:onsite_signatures"]
CREATE TABLE [onsite_signatures] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [status] nvarchar(128) NOT NULL CONSTRAINT [DF_onsite_signatures_status] DEFAULT ('waiting'),
  [type] nvarchar(128) NOT NULL,
  [created] int NOT NULL,
  [lastmod] datetime2(0) NOT NULL,
  [pid] bigint NULL,
  [encounter] int NULL,
  [user] nvarchar(255) NULL,
  [activity] smallint NOT NULL CONSTRAINT [DF_onsite_signatures_activity] DEFAULT (0),
  [authorized] smallint NULL,
  [signator] nvarchar(255) NOT NULL,
  [sig_image] nvarchar(max) NULL,
  [signature] nvarchar(max) NULL,
  [sig_hash] nvarchar(128) NOT NULL,
  [ip] nvarchar(46) NOT NULL,
  CONSTRAINT [PK_onsite_signatures] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 109 65 ["table:onsite_signatures"]
CREATE INDEX [encounter] ON [onsite_signatures] ([encounter]);
GO

-- hisops:stmt 110 68 ["table:onsite_signatures"]
CREATE UNIQUE INDEX [pid] ON [onsite_signatures] ([pid], [user]);
GO

-- table patient_birthday_alert
-- hisops:stmt 111 318 ["table:patient_birthday_alert"]
CREATE TABLE [patient_birthday_alert] (
  [pid] bigint NOT NULL CONSTRAINT [DF_patient_birthday_alert_pid] DEFAULT (0),
  [user_id] bigint NOT NULL CONSTRAINT [DF_patient_birthday_alert_user_id] DEFAULT (0),
  [turned_off_on] date NOT NULL,
  CONSTRAINT [PK_patient_birthday_alert] PRIMARY KEY ([pid], [user_id])
);
GO

-- table patient_portal_menu
-- hisops:stmt 112 371 ["table:patient_portal_menu"]
CREATE TABLE [patient_portal_menu] (
  [patient_portal_menu_id] int IDENTITY(1,1) NOT NULL,
  [patient_portal_menu_group_id] int NULL,
  [menu_name] nvarchar(40) NULL,
  [menu_order] smallint NULL,
  [menu_status] smallint NULL CONSTRAINT [DF_patient_portal_menu_menu_status] DEFAULT (1),
  CONSTRAINT [PK_patient_portal_menu] PRIMARY KEY ([patient_portal_menu_id])
);
GO

-- table patient_tracker
-- hisops:stmt 113 774 ["table:patient_tracker"]
CREATE TABLE [patient_tracker] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL,
  [apptdate] date NULL,
  [appttime] time(0) NULL,
  [eid] bigint NOT NULL CONSTRAINT [DF_patient_tracker_eid] DEFAULT (0),
  [pid] bigint NOT NULL CONSTRAINT [DF_patient_tracker_pid] DEFAULT (0),
  [original_user] nvarchar(255) NOT NULL CONSTRAINT [DF_patient_tracker_original_user] DEFAULT (''),
  [encounter] bigint NOT NULL CONSTRAINT [DF_patient_tracker_encounter] DEFAULT (0),
  [lastseq] nvarchar(4) NOT NULL CONSTRAINT [DF_patient_tracker_lastseq] DEFAULT (''),
  [random_drug_test] smallint NULL,
  [drug_screen_completed] smallint NOT NULL CONSTRAINT [DF_patient_tracker_drug_screen_completed] DEFAULT (0),
  CONSTRAINT [PK_patient_tracker] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 114 51 ["table:patient_tracker"]
CREATE INDEX [eid] ON [patient_tracker] ([eid]);
GO

-- hisops:stmt 115 51 ["table:patient_tracker"]
CREATE INDEX [pid] ON [patient_tracker] ([pid]);
GO

-- table patient_tracker_element
-- hisops:stmt 116 546 ["table:patient_tracker_element"]
CREATE TABLE [patient_tracker_element] (
  [pt_tracker_id] bigint NOT NULL CONSTRAINT [DF_patient_tracker_element_pt_tracker_id] DEFAULT (0),
  [start_datetime] datetime2(0) NULL,
  [room] nvarchar(20) NOT NULL CONSTRAINT [DF_patient_tracker_element_room] DEFAULT (''),
  [status] nvarchar(31) NOT NULL CONSTRAINT [DF_patient_tracker_element_status] DEFAULT (''),
  [seq] nvarchar(4) NOT NULL CONSTRAINT [DF_patient_tracker_element_seq] DEFAULT (''),
  [user] nvarchar(255) NOT NULL CONSTRAINT [DF_patient_tracker_element_user] DEFAULT ('')
);
GO

-- hisops:stmt 117 86 ["table:patient_tracker_element"]
CREATE INDEX [pt_tracker_id] ON [patient_tracker_element] ([pt_tracker_id], [seq]);
GO

-- table procedure_answers
-- hisops:stmt 118 594 ["table:procedure_answers"]
CREATE TABLE [procedure_answers] (
  [procedure_order_id] bigint NOT NULL CONSTRAINT [DF_procedure_answers_procedure_order_id] DEFAULT (0),
  [procedure_order_seq] int NOT NULL CONSTRAINT [DF_procedure_answers_procedure_order_seq] DEFAULT (0),
  [question_code] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_answers_question_code] DEFAULT (''),
  [answer_seq] int NOT NULL,
  [answer] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_answers_answer] DEFAULT (''),
  CONSTRAINT [PK_procedure_answers] PRIMARY KEY ([procedure_order_id], [procedure_order_seq], [question_code], [answer_seq])
);
GO

-- table procedure_order_code
-- hisops:stmt 119 717 ["table:procedure_order_code"]
CREATE TABLE [procedure_order_code] (
  [procedure_order_id] bigint NOT NULL,
  [procedure_order_seq] int NOT NULL,
  [procedure_code] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_order_code_procedure_code] DEFAULT (''),
  [procedure_name] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_order_code_procedure_name] DEFAULT (''),
  [procedure_source] nchar(1) NOT NULL CONSTRAINT [DF_procedure_order_code_procedure_source] DEFAULT ('1'),
  [diagnoses] nvarchar(max) NULL,
  [do_not_send] smallint NOT NULL CONSTRAINT [DF_procedure_order_code_do_not_send] DEFAULT (0),
  [procedure_order_title] nvarchar(255) NULL,
  CONSTRAINT [PK_procedure_order_code] PRIMARY KEY ([procedure_order_id], [procedure_order_seq])
);
GO

-- table procedure_providers
-- hisops:stmt 120 1602 ["table:procedure_providers"]
CREATE TABLE [procedure_providers] (
  [ppid] bigint IDENTITY(1,1) NOT NULL,
  [name] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_name] DEFAULT (''),
  [npi] nvarchar(15) NOT NULL CONSTRAINT [DF_procedure_providers_npi] DEFAULT (''),
  [send_app_id] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_send_app_id] DEFAULT (''),
  [send_fac_id] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_send_fac_id] DEFAULT (''),
  [recv_app_id] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_recv_app_id] DEFAULT (''),
  [recv_fac_id] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_recv_fac_id] DEFAULT (''),
  [DorP] nchar(1) NOT NULL CONSTRAINT [DF_procedure_providers_DorP] DEFAULT ('D'),
  [direction] nchar(1) NOT NULL CONSTRAINT [DF_procedure_providers_direction] DEFAULT ('B'),
  [protocol] nvarchar(15) NOT NULL CONSTRAINT [DF_procedure_providers_protocol] DEFAULT ('DL'),
  [remote_host] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_remote_host] DEFAULT (''),
  [login] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_login] DEFAULT (''),
  [password] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_password] DEFAULT (''),
  [orders_path] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_orders_path] DEFAULT (''),
  [results_path] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_providers_results_path] DEFAULT (''),
  [notes] nvarchar(max) NULL,
  [lab_director] bigint NOT NULL CONSTRAINT [DF_procedure_providers_lab_director] DEFAULT (0),
  CONSTRAINT [PK_procedure_providers] PRIMARY KEY ([ppid])
);
GO

-- table procedure_questions
-- hisops:stmt 121 1078 ["table:procedure_questions"]
CREATE TABLE [procedure_questions] (
  [lab_id] bigint NOT NULL CONSTRAINT [DF_procedure_questions_lab_id] DEFAULT (0),
  [procedure_code] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_questions_procedure_code] DEFAULT (''),
  [question_code] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_questions_question_code] DEFAULT (''),
  [seq] int NOT NULL CONSTRAINT [DF_procedure_questions_seq] DEFAULT (0),
  [question_text] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_questions_question_text] DEFAULT (''),
  [required] smallint NOT NULL CONSTRAINT [DF_procedure_questions_required] DEFAULT (0),
  [maxsize] int NOT NULL CONSTRAINT [DF_procedure_questions_maxsize] DEFAULT (0),
  [fldtype] nchar(1) NOT NULL CONSTRAINT [DF_procedure_questions_fldtype] DEFAULT ('T'),
  [options] nvarchar(max) NULL,
  [tips] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_questions_tips] DEFAULT (''),
  [activity] smallint NOT NULL CONSTRAINT [DF_procedure_questions_activity] DEFAULT (1),
  CONSTRAINT [PK_procedure_questions] PRIMARY KEY ([lab_id], [procedure_code], [question_code])
);
GO

-- table product_registration
-- hisops:stmt 122 277 ["table:product_registration"]
CREATE TABLE [product_registration] (
  [registration_id] nchar(36) NOT NULL CONSTRAINT [DF_product_registration_registration_id] DEFAULT (''),
  [email] nvarchar(255) NULL,
  [opt_out] smallint NULL,
  CONSTRAINT [PK_product_registration] PRIMARY KEY ([registration_id])
);
GO

-- table report_itemized
-- hisops:stmt 123 314 ["table:report_itemized"]
CREATE TABLE [report_itemized] (
  [report_id] bigint NOT NULL,
  [itemized_test_id] smallint NOT NULL,
  [numerator_label] nvarchar(25) NOT NULL CONSTRAINT [DF_report_itemized_numerator_label] DEFAULT (''),
  [pass] smallint NOT NULL CONSTRAINT [DF_report_itemized_pass] DEFAULT (0),
  [pid] bigint NOT NULL
);
GO

-- hisops:stmt 124 110 ["table:report_itemized"]
CREATE INDEX [report_id] ON [report_itemized] ([report_id], [itemized_test_id], [numerator_label], [pass]);
GO

-- table report_results
-- hisops:stmt 125 264 ["table:report_results"]
CREATE TABLE [report_results] (
  [report_id] bigint NOT NULL,
  [field_id] nvarchar(31) NOT NULL CONSTRAINT [DF_report_results_field_id] DEFAULT (''),
  [field_value] nvarchar(max) NULL,
  CONSTRAINT [PK_report_results] PRIMARY KEY ([report_id], [field_id])
);
GO

-- table shared_attributes
-- hisops:stmt 126 317 ["table:shared_attributes"]
CREATE TABLE [shared_attributes] (
  [pid] bigint NOT NULL,
  [encounter] bigint NOT NULL,
  [field_id] nvarchar(31) NOT NULL,
  [last_update] datetime2(0) NOT NULL,
  [user_id] bigint NOT NULL,
  [field_value] nvarchar(max) NULL,
  CONSTRAINT [PK_shared_attributes] PRIMARY KEY ([pid], [encounter], [field_id])
);
GO

-- table therapy_groups
-- hisops:stmt 127 432 ["table:therapy_groups"]
CREATE TABLE [therapy_groups] (
  [group_id] int IDENTITY(1,1) NOT NULL,
  [group_name] nvarchar(255) NOT NULL,
  [group_start_date] date NOT NULL,
  [group_end_date] date NULL,
  [group_type] smallint NOT NULL,
  [group_participation] smallint NOT NULL,
  [group_status] int NOT NULL,
  [group_notes] nvarchar(max) NULL,
  [group_guest_counselors] nvarchar(255) NULL,
  CONSTRAINT [PK_therapy_groups] PRIMARY KEY ([group_id])
);
GO

-- table therapy_groups_counselors
-- hisops:stmt 128 181 ["table:therapy_groups_counselors"]
CREATE TABLE [therapy_groups_counselors] (
  [group_id] int NOT NULL,
  [user_id] int NOT NULL,
  CONSTRAINT [PK_therapy_groups_counselors] PRIMARY KEY ([group_id], [user_id])
);
GO

-- table therapy_groups_participant_attendance
-- hisops:stmt 129 292 ["table:therapy_groups_participant_attendance"]
CREATE TABLE [therapy_groups_participant_attendance] (
  [form_id] int NOT NULL,
  [pid] bigint NOT NULL,
  [meeting_patient_comment] nvarchar(max) NULL,
  [meeting_patient_status] nvarchar(15) NULL,
  CONSTRAINT [PK_therapy_groups_participant_attendance] PRIMARY KEY ([form_id], [pid])
);
GO

-- table therapy_groups_participants
-- hisops:stmt 130 337 ["table:therapy_groups_participants"]
CREATE TABLE [therapy_groups_participants] (
  [group_id] int NOT NULL,
  [pid] bigint NOT NULL,
  [group_patient_status] int NOT NULL,
  [group_patient_start] date NOT NULL,
  [group_patient_end] date NULL,
  [group_patient_comment] nvarchar(max) NULL,
  CONSTRAINT [PK_therapy_groups_participants] PRIMARY KEY ([group_id], [pid])
);
GO

-- table users_secure
-- hisops:stmt 131 648 ["table:users_secure"]
CREATE TABLE [users_secure] (
  [id] bigint NOT NULL,
  [username] nvarchar(255) NULL,
  [password] nvarchar(255) NULL,
  [salt] nvarchar(255) NULL,
  [last_update] datetime2(0) NOT NULL CONSTRAINT [DF_users_secure_last_update] DEFAULT (sysdatetime()),
  [password_history1] nvarchar(255) NULL,
  [salt_history1] nvarchar(255) NULL,
  [password_history2] nvarchar(255) NULL,
  [salt_history2] nvarchar(255) NULL,
  [last_challenge_response] datetime2(0) NULL,
  [login_work_area] nvarchar(max) NULL,
  [login_fail_counter] int NULL CONSTRAINT [DF_users_secure_login_fail_counter] DEFAULT (0),
  CONSTRAINT [PK_users_secure] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 132 74 ["table:users_secure"]
CREATE UNIQUE INDEX [USERNAME_ID] ON [users_secure] ([id], [username]);
GO

-- table valueset
-- hisops:stmt 133 545 ["table:valueset"]
CREATE TABLE [valueset] (
  [nqf_code] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_nqf_code] DEFAULT (''),
  [code] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_code] DEFAULT (''),
  [code_system] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_code_system] DEFAULT (''),
  [code_type] nvarchar(255) NULL,
  [valueset] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_valueset] DEFAULT (''),
  [description] nvarchar(255) NULL,
  [valueset_name] nvarchar(500) NULL,
  CONSTRAINT [PK_valueset] PRIMARY KEY ([nqf_code], [code], [valueset])
);
GO

-- table voids
-- hisops:stmt 134 567 ["table:voids"]
CREATE TABLE [voids] (
  [void_id] bigint IDENTITY(1,1) NOT NULL,
  [patient_id] bigint NOT NULL,
  [encounter_id] bigint NOT NULL CONSTRAINT [DF_voids_encounter_id] DEFAULT (0),
  [what_voided] nvarchar(31) NOT NULL,
  [date_original] datetime2(0) NULL,
  [date_voided] datetime2(0) NOT NULL,
  [user_id] bigint NOT NULL,
  [amount1] decimal(12,2) NOT NULL CONSTRAINT [DF_voids_amount1] DEFAULT (0),
  [amount2] decimal(12,2) NOT NULL CONSTRAINT [DF_voids_amount2] DEFAULT (0),
  [other_info] nvarchar(max) NULL,
  CONSTRAINT [PK_voids] PRIMARY KEY ([void_id])
);
GO

-- hisops:stmt 135 56 ["table:voids"]
CREATE INDEX [datevoided] ON [voids] ([date_voided]);
GO

-- hisops:stmt 136 67 ["table:voids"]
CREATE INDEX [pidenc] ON [voids] ([patient_id], [encounter_id]);
GO

-- column amc_misc_data.soc_provided
-- hisops:stmt 137 70 ["table:amc_misc_data"]
ALTER TABLE [amc_misc_data] ADD
  [soc_provided] datetime2(0) NULL;
GO

-- column ar_activity.sequence_no (type, autoIncrement); column ar_activity.code (type); column ar_activity.follow_up_note (nullable)
-- hisops:stmt 138 72 ["table:ar_activity"]
ALTER TABLE [ar_activity] ALTER COLUMN [sequence_no] bigint NOT NULL;
GO

-- hisops:stmt 139 71 ["table:ar_activity"]
ALTER TABLE [ar_activity] ALTER COLUMN [code] nvarchar(20) NOT NULL;
GO

-- hisops:stmt 140 78 ["table:ar_activity"]
ALTER TABLE [ar_activity] ALTER COLUMN [follow_up_note] nvarchar(max) NULL;
GO

-- column ar_session.description (nullable); column ar_session.patient_id (type)
-- hisops:stmt 141 74 ["table:ar_session"]
ALTER TABLE [ar_session] ALTER COLUMN [description] nvarchar(max) NULL;
GO

-- hisops:stmt 142 70 ["table:ar_session"]
ALTER TABLE [ar_session] ALTER COLUMN [patient_id] bigint NOT NULL;
GO

-- column audit_details.field_value (nullable)
-- hisops:stmt 143 77 ["table:audit_details"]
ALTER TABLE [audit_details] ALTER COLUMN [field_value] nvarchar(max) NULL;
GO

-- column audit_master.comments (nullable)
-- hisops:stmt 144 73 ["table:audit_master"]
ALTER TABLE [audit_master] ALTER COLUMN [comments] nvarchar(max) NULL;
GO

-- column automatic_notification.message (nullable)
-- hisops:stmt 145 82 ["table:automatic_notification"]
ALTER TABLE [automatic_notification] ALTER COLUMN [message] nvarchar(max) NULL;
GO

-- column batchcom.patient_id (type)
-- hisops:stmt 146 77 ["table:batchcom"]
ALTER TABLE [batchcom] DROP CONSTRAINT IF EXISTS [DF_batchcom_patient_id];
GO

-- hisops:stmt 147 68 ["table:batchcom"]
ALTER TABLE [batchcom] ALTER COLUMN [patient_id] bigint NOT NULL;
GO

-- hisops:stmt 148 95 ["table:batchcom"]
ALTER TABLE [batchcom] ADD CONSTRAINT [DF_batchcom_patient_id] DEFAULT (0) FOR [patient_id];
GO

-- column billing.code (type); column billing.pid (type); column billing.units (type); column billing.external_id; column billing.pricelevel; column billing.revenue_code
-- hisops:stmt 149 63 ["table:billing"]
ALTER TABLE [billing] ALTER COLUMN [code] nvarchar(20) NULL;
GO

-- hisops:stmt 150 56 ["table:billing"]
ALTER TABLE [billing] ALTER COLUMN [pid] bigint NULL;
GO

-- hisops:stmt 151 55 ["table:billing"]
ALTER TABLE [billing] ALTER COLUMN [units] int NULL;
GO

-- hisops:stmt 152 234 ["table:billing"]
ALTER TABLE [billing] ADD
  [external_id] nvarchar(20) NULL,
  [pricelevel] nvarchar(31) NULL CONSTRAINT [DF_billing_pricelevel] DEFAULT (''),
  [revenue_code] nvarchar(6) NOT NULL CONSTRAINT [DF_billing_revenue_code] DEFAULT ('');
GO

-- column categories.aco_spec
-- hisops:stmt 153 129 ["table:categories"]
ALTER TABLE [categories] ADD
  [aco_spec] nvarchar(63) NOT NULL CONSTRAINT [DF_categories_aco_spec] DEFAULT ('patients|docs');
GO

-- column claims.patient_id (type); column claims.version (type, autoIncrement); column claims.submitted_claim
-- hisops:stmt 154 66 ["table:claims"]
ALTER TABLE [claims] ALTER COLUMN [patient_id] bigint NOT NULL;
GO

-- hisops:stmt 155 63 ["table:claims"]
ALTER TABLE [claims] ALTER COLUMN [version] bigint NOT NULL;
GO

-- hisops:stmt 156 67 ["table:claims"]
ALTER TABLE [claims] ADD
  [submitted_claim] nvarchar(max) NULL;
GO

-- column clinical_plans.cqm_2011_flag; column clinical_plans.cqm_2014_flag
-- hisops:stmt 157 101 ["table:clinical_plans"]
ALTER TABLE [clinical_plans] ADD
  [cqm_2011_flag] smallint NULL,
  [cqm_2014_flag] smallint NULL;
GO

-- column clinical_rules.cqm_2011_flag; column clinical_rules.cqm_2014_flag; column clinical_rules.amc_2011_flag; column clinical_rules.amc_2014_flag; column clinical_rules.amc_code_2014; column clinical_rules.amc_2014_stage1_flag; column clinical_rules.amc_2014_stage2_flag; column clinical_rules.de…
-- hisops:stmt 158 858 ["table:clinical_rules"]
ALTER TABLE [clinical_rules] ADD
  [cqm_2011_flag] smallint NULL,
  [cqm_2014_flag] smallint NULL,
  [amc_2011_flag] smallint NULL,
  [amc_2014_flag] smallint NULL,
  [amc_code_2014] nvarchar(30) NOT NULL CONSTRAINT [DF_clinical_rules_amc_code_2014] DEFAULT (''),
  [amc_2014_stage1_flag] smallint NULL,
  [amc_2014_stage2_flag] smallint NULL,
  [developer] nvarchar(255) NOT NULL CONSTRAINT [DF_clinical_rules_developer] DEFAULT (''),
  [funding_source] nvarchar(255) NOT NULL CONSTRAINT [DF_clinical_rules_funding_source] DEFAULT (''),
  [release_version] nvarchar(255) NOT NULL CONSTRAINT [DF_clinical_rules_release_version] DEFAULT (''),
  [web_reference] nvarchar(255) NOT NULL CONSTRAINT [DF_clinical_rules_web_reference] DEFAULT (''),
  [access_control] nvarchar(255) NOT NULL CONSTRAINT [DF_clinical_rules_access_control] DEFAULT ('patients:med');
GO

-- column code_types.ct_term; column code_types.ct_problem; column code_types.ct_drug
-- hisops:stmt 159 271 ["table:code_types"]
ALTER TABLE [code_types] ADD
  [ct_term] smallint NOT NULL CONSTRAINT [DF_code_types_ct_term] DEFAULT (0),
  [ct_problem] smallint NOT NULL CONSTRAINT [DF_code_types_ct_problem] DEFAULT (0),
  [ct_drug] smallint NOT NULL CONSTRAINT [DF_code_types_ct_drug] DEFAULT (0);
GO

-- column codes.code (type); column codes.units (type); column codes.revenue_code
-- hisops:stmt 160 65 ["table:codes"]
ALTER TABLE [codes] DROP CONSTRAINT IF EXISTS [DF_codes_code];
GO

-- hisops:stmt 161 65 ["table:codes"]
ALTER TABLE [codes] ALTER COLUMN [code] nvarchar(25) NOT NULL;
GO

-- hisops:stmt 162 78 ["table:codes"]
ALTER TABLE [codes] ADD CONSTRAINT [DF_codes_code] DEFAULT ('') FOR [code];
GO

-- hisops:stmt 163 53 ["table:codes"]
ALTER TABLE [codes] ALTER COLUMN [units] int NULL;
GO

-- hisops:stmt 164 113 ["table:codes"]
ALTER TABLE [codes] ADD
  [revenue_code] nvarchar(6) NOT NULL CONSTRAINT [DF_codes_revenue_code] DEFAULT ('');
GO

-- column customlists.cl_list_item_long (nullable)
-- hisops:stmt 165 81 ["table:customlists"]
ALTER TABLE [customlists] ALTER COLUMN [cl_list_item_long] nvarchar(max) NULL;
GO

-- column dated_reminders.pid (type)
-- hisops:stmt 166 68 ["table:dated_reminders"]
ALTER TABLE [dated_reminders] ALTER COLUMN [pid] bigint NOT NULL;
GO

-- column documents.thumb_url; column documents.foreign_id (type); column documents.path_depth; column documents.imported; column documents.encounter_id; column documents.encounter_check; column documents.audit_master_approval_status; column documents.audit_master_id; column documents.documentationO…
-- hisops:stmt 167 64 ["table:documents"]
ALTER TABLE [documents] ADD
  [thumb_url] nvarchar(255) NULL;
GO

-- hisops:stmt 168 65 ["table:documents"]
ALTER TABLE [documents] ALTER COLUMN [foreign_id] bigint NULL;
GO

-- hisops:stmt 169 632 ["table:documents"]
ALTER TABLE [documents] ADD
  [path_depth] smallint NULL CONSTRAINT [DF_documents_path_depth] DEFAULT (1),
  [imported] smallint NULL CONSTRAINT [DF_documents_imported] DEFAULT (0),
  [encounter_id] bigint NOT NULL CONSTRAINT [DF_documents_encounter_id] DEFAULT (0),
  [encounter_check] smallint NOT NULL CONSTRAINT [DF_documents_encounter_check] DEFAULT (0),
  [audit_master_approval_status] smallint NOT NULL CONSTRAINT [DF_documents_audit_master_approval_status] DEFAULT (1),
  [audit_master_id] int NULL,
  [documentationOf] nvarchar(255) NULL,
  [encrypted] smallint NOT NULL CONSTRAINT [DF_documents_encrypted] DEFAULT (0);
GO

-- column documents_legal_detail.dld_denial_reason (nullable); column documents_legal_detail.dld_moved; column documents_legal_detail.dld_patient_comments
-- hisops:stmt 170 92 ["table:documents_legal_detail"]
ALTER TABLE [documents_legal_detail] ALTER COLUMN [dld_denial_reason] nvarchar(max) NULL;
GO

-- hisops:stmt 171 182 ["table:documents_legal_detail"]
ALTER TABLE [documents_legal_detail] ADD
  [dld_moved] smallint NOT NULL CONSTRAINT [DF_documents_legal_detail_dld_moved] DEFAULT (0),
  [dld_patient_comments] nvarchar(max) NULL;
GO

-- column documents_legal_master.dlm_upload_type
-- hisops:stmt 172 145 ["table:documents_legal_master"]
ALTER TABLE [documents_legal_master] ADD
  [dlm_upload_type] smallint NULL CONSTRAINT [DF_documents_legal_master_dlm_upload_type] DEFAULT (0);
GO

-- column drug_sales.pid (type); column drug_sales.bill_date; column drug_sales.pricelevel; column drug_sales.selector
-- hisops:stmt 173 74 ["table:drug_sales"]
ALTER TABLE [drug_sales] DROP CONSTRAINT IF EXISTS [DF_drug_sales_pid];
GO

-- hisops:stmt 174 63 ["table:drug_sales"]
ALTER TABLE [drug_sales] ALTER COLUMN [pid] bigint NOT NULL;
GO

-- hisops:stmt 175 85 ["table:drug_sales"]
ALTER TABLE [drug_sales] ADD CONSTRAINT [DF_drug_sales_pid] DEFAULT (0) FOR [pid];
GO

-- hisops:stmt 176 231 ["table:drug_sales"]
ALTER TABLE [drug_sales] ADD
  [bill_date] datetime2(0) NULL,
  [pricelevel] nvarchar(31) NULL CONSTRAINT [DF_drug_sales_pricelevel] DEFAULT (''),
  [selector] nvarchar(255) NULL CONSTRAINT [DF_drug_sales_selector] DEFAULT ('');
GO

-- column drugs.drug_code; column drugs.consumable; column drugs.dispensable
-- hisops:stmt 177 219 ["table:drugs"]
ALTER TABLE [drugs] ADD
  [drug_code] nvarchar(25) NULL,
  [consumable] smallint NOT NULL CONSTRAINT [DF_drugs_consumable] DEFAULT (0),
  [dispensable] smallint NOT NULL CONSTRAINT [DF_drugs_dispensable] DEFAULT (1);
GO

-- column facility.country_code (type, nullable, default); column facility.facility_taxonomy; column facility.facility_code; column facility.extra_validation; column facility.mail_street; column facility.mail_street2; column facility.mail_city; column facility.mail_state; column facility.mail_zip; c…
-- hisops:stmt 178 79 ["table:facility"]
ALTER TABLE [facility] DROP CONSTRAINT IF EXISTS [DF_facility_country_code];
GO

-- hisops:stmt 179 72 ["table:facility"]
ALTER TABLE [facility] ALTER COLUMN [country_code] nvarchar(30) NULL;
GO

-- hisops:stmt 180 100 ["table:facility"]
ALTER TABLE [facility] ADD CONSTRAINT [DF_facility_country_code] DEFAULT ('') FOR [country_code];
GO

-- hisops:stmt 181 444 ["table:facility"]
ALTER TABLE [facility] ADD
  [facility_taxonomy] nvarchar(15) NULL,
  [facility_code] nvarchar(31) NULL,
  [extra_validation] smallint NOT NULL CONSTRAINT [DF_facility_extra_validation] DEFAULT (1),
  [mail_street] nvarchar(30) NULL,
  [mail_street2] nvarchar(30) NULL,
  [mail_city] nvarchar(50) NULL,
  [mail_state] nvarchar(3) NULL,
  [mail_zip] nvarchar(10) NULL,
  [oid] nvarchar(255) NOT NULL CONSTRAINT [DF_facility_oid] DEFAULT ('');
GO

-- column facility_user_ids.field_value (nullable)
-- hisops:stmt 182 81 ["table:facility_user_ids"]
ALTER TABLE [facility_user_ids] ALTER COLUMN [field_value] nvarchar(max) NULL;
GO

-- column form_encounter.external_id; column form_encounter.pos_code
-- hisops:stmt 183 98 ["table:form_encounter"]
ALTER TABLE [form_encounter] ADD
  [external_id] nvarchar(20) NULL,
  [pos_code] smallint NULL;
GO

-- column form_misc_billing_options.medicaid_referral_code; column form_misc_billing_options.epsdt_flag; column form_misc_billing_options.provider_qualifier_code; column form_misc_billing_options.provider_id; column form_misc_billing_options.onset_date; column form_misc_billing_options.icn_resubmiss…
-- hisops:stmt 184 338 ["table:form_misc_billing_options"]
ALTER TABLE [form_misc_billing_options] ADD
  [medicaid_referral_code] nvarchar(2) NULL,
  [epsdt_flag] smallint NULL,
  [provider_qualifier_code] nvarchar(2) NULL,
  [provider_id] int NULL,
  [onset_date] date NULL,
  [icn_resubmission_number] nvarchar(35) NULL,
  [box_14_date_qual] nchar(3) NULL,
  [box_15_date_qual] nchar(3) NULL;
GO

-- column form_ros.pid (type)
-- hisops:stmt 185 61 ["table:form_ros"]
ALTER TABLE [form_ros] ALTER COLUMN [pid] bigint NOT NULL;
GO

-- column form_vitals.external_id
-- hisops:stmt 186 67 ["table:form_vitals"]
ALTER TABLE [form_vitals] ADD
  [external_id] nvarchar(20) NULL;
GO

-- column forms.therapy_group_id; column forms.issue_id; column forms.provider_id
-- hisops:stmt 187 209 ["table:forms"]
ALTER TABLE [forms] ADD
  [therapy_group_id] int NULL,
  [issue_id] bigint NOT NULL CONSTRAINT [DF_forms_issue_id] DEFAULT (0),
  [provider_id] bigint NOT NULL CONSTRAINT [DF_forms_provider_id] DEFAULT (0);
GO

-- column history_data.dc_mother; column history_data.dc_father; column history_data.dc_siblings; column history_data.dc_offspring; column history_data.dc_spouse; column history_data.exams (nullable, default); column history_data.usertext11 (nullable); column history_data.userarea11 (nullable, defau…
-- hisops:stmt 188 208 ["table:history_data"]
ALTER TABLE [history_data] ADD
  [dc_mother] nvarchar(max) NULL,
  [dc_father] nvarchar(max) NULL,
  [dc_siblings] nvarchar(max) NULL,
  [dc_offspring] nvarchar(max) NULL,
  [dc_spouse] nvarchar(max) NULL;
GO

-- hisops:stmt 189 80 ["table:history_data"]
ALTER TABLE [history_data] DROP CONSTRAINT IF EXISTS [DF_history_data_exams];
GO

-- hisops:stmt 190 70 ["table:history_data"]
ALTER TABLE [history_data] ALTER COLUMN [exams] nvarchar(max) NULL;
GO

-- hisops:stmt 191 75 ["table:history_data"]
ALTER TABLE [history_data] ALTER COLUMN [usertext11] nvarchar(max) NULL;
GO

-- hisops:stmt 192 85 ["table:history_data"]
ALTER TABLE [history_data] DROP CONSTRAINT IF EXISTS [DF_history_data_userarea11];
GO

-- hisops:stmt 193 75 ["table:history_data"]
ALTER TABLE [history_data] ALTER COLUMN [userarea11] nvarchar(max) NULL;
GO

-- hisops:stmt 194 85 ["table:history_data"]
ALTER TABLE [history_data] DROP CONSTRAINT IF EXISTS [DF_history_data_userarea12];
GO

-- hisops:stmt 195 75 ["table:history_data"]
ALTER TABLE [history_data] ALTER COLUMN [userarea12] nvarchar(max) NULL;
GO

-- column immunizations.patient_id (type); column immunizations.amount_administered; column immunizations.amount_administered_unit; column immunizations.expiration_date; column immunizations.route; column immunizations.administration_site; column immunizations.added_erroneously; column immunizations…
-- hisops:stmt 196 69 ["table:immunizations"]
ALTER TABLE [immunizations] ALTER COLUMN [patient_id] bigint NULL;
GO

-- hisops:stmt 197 511 ["table:immunizations"]
ALTER TABLE [immunizations] ADD
  [amount_administered] real NULL,
  [amount_administered_unit] nvarchar(50) NULL,
  [expiration_date] date NULL,
  [route] nvarchar(100) NULL,
  [administration_site] nvarchar(100) NULL,
  [added_erroneously] smallint NOT NULL CONSTRAINT [DF_immunizations_added_erroneously] DEFAULT (0),
  [external_id] nvarchar(20) NULL,
  [completion_status] nvarchar(50) NULL,
  [information_source] nvarchar(31) NULL,
  [refusal_reason] nvarchar(31) NULL,
  [ordering_provider] int NULL;
GO

-- column insurance_companies.ins_type_code; column insurance_companies.inactive; column insurance_companies.eligibility_id; column insurance_companies.x12_default_eligibility_id
-- hisops:stmt 198 236 ["table:insurance_companies"]
ALTER TABLE [insurance_companies] ADD
  [ins_type_code] smallint NULL,
  [inactive] int NOT NULL CONSTRAINT [DF_insurance_companies_inactive] DEFAULT (0),
  [eligibility_id] nvarchar(32) NULL,
  [x12_default_eligibility_id] int NULL;
GO

-- column issue_encounter.pid (type)
-- hisops:stmt 199 68 ["table:issue_encounter"]
ALTER TABLE [issue_encounter] ALTER COLUMN [pid] bigint NOT NULL;
GO

-- column lang_constants.constant_name (type)
-- hisops:stmt 200 80 ["table:lang_constants"]
ALTER TABLE [lang_constants] ALTER COLUMN [constant_name] nvarchar(max) NULL;
GO

-- column lang_custom.constant_name (type, nullable, default); column lang_custom.definition (nullable, default)
-- hisops:stmt 201 86 ["table:lang_custom"]
ALTER TABLE [lang_custom] DROP CONSTRAINT IF EXISTS [DF_lang_custom_constant_name];
GO

-- hisops:stmt 202 77 ["table:lang_custom"]
ALTER TABLE [lang_custom] ALTER COLUMN [constant_name] nvarchar(max) NULL;
GO

-- hisops:stmt 203 83 ["table:lang_custom"]
ALTER TABLE [lang_custom] DROP CONSTRAINT IF EXISTS [DF_lang_custom_definition];
GO

-- hisops:stmt 204 74 ["table:lang_custom"]
ALTER TABLE [lang_custom] ALTER COLUMN [definition] nvarchar(max) NULL;
GO

-- column lang_languages.lang_is_rtl
-- hisops:stmt 205 121 ["table:lang_languages"]
ALTER TABLE [lang_languages] ADD
  [lang_is_rtl] smallint NULL CONSTRAINT [DF_lang_languages_lang_is_rtl] DEFAULT (0);
GO

-- column layout_options.group_id; column layout_options.list_id (type); column layout_options.list_backup_id; column layout_options.source; column layout_options.conditions; column layout_options.validation
-- hisops:stmt 206 124 ["table:layout_options"]
ALTER TABLE [layout_options] ADD
  [group_id] nvarchar(31) NOT NULL CONSTRAINT [DF_layout_options_group_id] DEFAULT ('');
GO

-- hisops:stmt 207 86 ["table:layout_options"]
ALTER TABLE [layout_options] DROP CONSTRAINT IF EXISTS [DF_layout_options_list_id];
GO

-- hisops:stmt 208 78 ["table:layout_options"]
ALTER TABLE [layout_options] ALTER COLUMN [list_id] nvarchar(100) NOT NULL;
GO

-- hisops:stmt 209 102 ["table:layout_options"]
ALTER TABLE [layout_options] ADD CONSTRAINT [DF_layout_options_list_id] DEFAULT ('') FOR [list_id];
GO

-- hisops:stmt 210 289 ["table:layout_options"]
ALTER TABLE [layout_options] ADD
  [list_backup_id] nvarchar(100) NOT NULL CONSTRAINT [DF_layout_options_list_backup_id] DEFAULT (''),
  [source] nchar(1) NOT NULL CONSTRAINT [DF_layout_options_source] DEFAULT ('F'),
  [conditions] nvarchar(max) NULL,
  [validation] nvarchar(100) NULL;
GO

-- column lbf_data.field_value (nullable)
-- hisops:stmt 211 72 ["table:lbf_data"]
ALTER TABLE [lbf_data] ALTER COLUMN [field_value] nvarchar(max) NULL;
GO

-- column list_options.list_id (type); column list_options.option_id (type); column list_options.notes (type, nullable, default); column list_options.codes; column list_options.toggle_setting_1; column list_options.toggle_setting_2; column list_options.activity; column list_options.subtype; column l…
-- hisops:stmt 212 82 ["table:list_options"]
ALTER TABLE [list_options] DROP CONSTRAINT IF EXISTS [DF_list_options_list_id];
GO

-- hisops:stmt 213 76 ["table:list_options"]
ALTER TABLE [list_options] ALTER COLUMN [list_id] nvarchar(100) NOT NULL;
GO

-- hisops:stmt 214 98 ["table:list_options"]
ALTER TABLE [list_options] ADD CONSTRAINT [DF_list_options_list_id] DEFAULT ('') FOR [list_id];
GO

-- hisops:stmt 215 84 ["table:list_options"]
ALTER TABLE [list_options] DROP CONSTRAINT IF EXISTS [DF_list_options_option_id];
GO

-- hisops:stmt 216 78 ["table:list_options"]
ALTER TABLE [list_options] ALTER COLUMN [option_id] nvarchar(100) NOT NULL;
GO

-- hisops:stmt 217 102 ["table:list_options"]
ALTER TABLE [list_options] ADD CONSTRAINT [DF_list_options_option_id] DEFAULT ('') FOR [option_id];
GO

-- hisops:stmt 218 80 ["table:list_options"]
ALTER TABLE [list_options] DROP CONSTRAINT IF EXISTS [DF_list_options_notes];
GO

-- hisops:stmt 219 70 ["table:list_options"]
ALTER TABLE [list_options] ALTER COLUMN [notes] nvarchar(max) NULL;
GO

-- hisops:stmt 220 668 ["table:list_options"]
ALTER TABLE [list_options] ADD
  [codes] nvarchar(255) NOT NULL CONSTRAINT [DF_list_options_codes] DEFAULT (''),
  [toggle_setting_1] smallint NOT NULL CONSTRAINT [DF_list_options_toggle_setting_1] DEFAULT (0),
  [toggle_setting_2] smallint NOT NULL CONSTRAINT [DF_list_options_toggle_setting_2] DEFAULT (0),
  [activity] smallint NOT NULL CONSTRAINT [DF_list_options_activity] DEFAULT (1),
  [subtype] nvarchar(31) NOT NULL CONSTRAINT [DF_list_options_subtype] DEFAULT (''),
  [edit_options] smallint NOT NULL CONSTRAINT [DF_list_options_edit_options] DEFAULT (1),
  [timestamp] datetime2(0) NOT NULL CONSTRAINT [DF_list_options_timestamp] DEFAULT (sysdatetime());
GO

-- column lists.subtype; column lists.modifydate; column lists.severity_al; column lists.external_id; column lists.list_option_id
-- hisops:stmt 221 308 ["table:lists"]
ALTER TABLE [lists] ADD
  [subtype] nvarchar(31) NOT NULL CONSTRAINT [DF_lists_subtype] DEFAULT (''),
  [modifydate] datetime2(0) NOT NULL CONSTRAINT [DF_lists_modifydate] DEFAULT (sysdatetime()),
  [severity_al] nvarchar(50) NULL,
  [external_id] nvarchar(20) NULL,
  [list_option_id] nvarchar(100) NULL;
GO

-- column lists_touch.pid (default); column lists_touch.type (default)
-- hisops:stmt 222 76 ["table:lists_touch"]
ALTER TABLE [lists_touch] DROP CONSTRAINT IF EXISTS [DF_lists_touch_pid];
GO

-- hisops:stmt 223 87 ["table:lists_touch"]
ALTER TABLE [lists_touch] ADD CONSTRAINT [DF_lists_touch_pid] DEFAULT (0) FOR [pid];
GO

-- hisops:stmt 224 77 ["table:lists_touch"]
ALTER TABLE [lists_touch] DROP CONSTRAINT IF EXISTS [DF_lists_touch_type];
GO

-- hisops:stmt 225 90 ["table:lists_touch"]
ALTER TABLE [lists_touch] ADD CONSTRAINT [DF_lists_touch_type] DEFAULT ('') FOR [type];
GO

-- column log.category; column log.log_from; column log.menu_item_id; column log.ccda_doc_id
-- hisops:stmt 226 192 ["table:log"]
ALTER TABLE [log] ADD
  [category] nvarchar(255) NULL,
  [log_from] nvarchar(20) NULL CONSTRAINT [DF_log_log_from] DEFAULT ('open-emr'),
  [menu_item_id] int NULL,
  [ccda_doc_id] int NULL;
GO

-- column notification_log.pid (type); column notification_log.message (nullable); column notification_log.patient_info (nullable)
-- hisops:stmt 227 69 ["table:notification_log"]
ALTER TABLE [notification_log] ALTER COLUMN [pid] bigint NOT NULL;
GO

-- hisops:stmt 228 76 ["table:notification_log"]
ALTER TABLE [notification_log] ALTER COLUMN [message] nvarchar(max) NULL;
GO

-- hisops:stmt 229 81 ["table:notification_log"]
ALTER TABLE [notification_log] ALTER COLUMN [patient_info] nvarchar(max) NULL;
GO

-- column openemr_postcalendar_categories.pc_constant_id; column openemr_postcalendar_categories.pc_active; column openemr_postcalendar_categories.pc_seq; column openemr_postcalendar_categories.aco_spec
-- hisops:stmt 230 408 ["table:openemr_postcalendar_categories"]
ALTER TABLE [openemr_postcalendar_categories] ADD
  [pc_constant_id] nvarchar(255) NULL,
  [pc_active] smallint NOT NULL CONSTRAINT [DF_openemr_postcalendar_categories_pc_active] DEFAULT (1),
  [pc_seq] int NOT NULL CONSTRAINT [DF_openemr_postcalendar_categories_pc_seq] DEFAULT (0),
  [aco_spec] nvarchar(63) NOT NULL CONSTRAINT [DF_openemr_postcalendar_categories_aco_spec] DEFAULT ('encounters|notes');
GO

-- column openemr_postcalendar_events.pc_gid; column openemr_postcalendar_events.pc_facility (type); column openemr_postcalendar_events.pc_room
-- hisops:stmt 231 132 ["table:openemr_postcalendar_events"]
ALTER TABLE [openemr_postcalendar_events] ADD
  [pc_gid] int NULL CONSTRAINT [DF_openemr_postcalendar_events_pc_gid] DEFAULT (0);
GO

-- hisops:stmt 232 116 ["table:openemr_postcalendar_events"]
ALTER TABLE [openemr_postcalendar_events] DROP CONSTRAINT IF EXISTS [DF_openemr_postcalendar_events_pc_facility];
GO

-- hisops:stmt 233 85 ["table:openemr_postcalendar_events"]
ALTER TABLE [openemr_postcalendar_events] ALTER COLUMN [pc_facility] int NOT NULL;
GO

-- hisops:stmt 234 135 ["table:openemr_postcalendar_events"]
ALTER TABLE [openemr_postcalendar_events] ADD CONSTRAINT [DF_openemr_postcalendar_events_pc_facility] DEFAULT (0) FOR [pc_facility];
GO

-- hisops:stmt 235 148 ["table:openemr_postcalendar_events"]
ALTER TABLE [openemr_postcalendar_events] ADD
  [pc_room] nvarchar(20) NOT NULL CONSTRAINT [DF_openemr_postcalendar_events_pc_room] DEFAULT ('');
GO

-- column patient_access_offsite.pid (type); column patient_access_offsite.portal_relation
-- hisops:stmt 236 75 ["table:patient_access_offsite"]
ALTER TABLE [patient_access_offsite] ALTER COLUMN [pid] bigint NOT NULL;
GO

-- hisops:stmt 237 83 ["table:patient_access_offsite"]
ALTER TABLE [patient_access_offsite] ADD
  [portal_relation] nvarchar(100) NULL;
GO

-- column patient_access_onsite.pid (type); column patient_access_onsite.portal_salt
-- hisops:stmt 238 70 ["table:patient_access_onsite"]
ALTER TABLE [patient_access_onsite] ALTER COLUMN [pid] bigint NULL;
GO

-- hisops:stmt 239 78 ["table:patient_access_onsite"]
ALTER TABLE [patient_access_onsite] ADD
  [portal_salt] nvarchar(100) NULL;
GO

-- column patient_data.email_direct; column patient_data.religion; column patient_data.billing_note; column patient_data.guardiansname (type, nullable, default); column patient_data.cmsportal_login; column patient_data.care_team; column patient_data.county; column patient_data.industry; column patie…
-- hisops:stmt 240 253 ["table:patient_data"]
ALTER TABLE [patient_data] ADD
  [email_direct] nvarchar(255) NOT NULL CONSTRAINT [DF_patient_data_email_direct] DEFAULT (''),
  [religion] nvarchar(40) NOT NULL CONSTRAINT [DF_patient_data_religion] DEFAULT (''),
  [billing_note] nvarchar(max) NULL;
GO

-- hisops:stmt 241 88 ["table:patient_data"]
ALTER TABLE [patient_data] DROP CONSTRAINT IF EXISTS [DF_patient_data_guardiansname];
GO

-- hisops:stmt 242 78 ["table:patient_data"]
ALTER TABLE [patient_data] ALTER COLUMN [guardiansname] nvarchar(max) NULL;
GO

-- hisops:stmt 243 921 ["table:patient_data"]
ALTER TABLE [patient_data] ADD
  [cmsportal_login] nvarchar(60) NOT NULL CONSTRAINT [DF_patient_data_cmsportal_login] DEFAULT (''),
  [care_team] int NULL,
  [county] nvarchar(40) NOT NULL CONSTRAINT [DF_patient_data_county] DEFAULT (''),
  [industry] nvarchar(max) NULL,
  [imm_reg_status] nvarchar(max) NULL,
  [imm_reg_stat_effdate] nvarchar(max) NULL,
  [publicity_code] nvarchar(max) NULL,
  [publ_code_eff_date] nvarchar(max) NULL,
  [protect_indicator] nvarchar(max) NULL,
  [prot_indi_effdate] nvarchar(max) NULL,
  [guardianrelationship] nvarchar(max) NULL,
  [guardiansex] nvarchar(max) NULL,
  [guardianaddress] nvarchar(max) NULL,
  [guardiancity] nvarchar(max) NULL,
  [guardianstate] nvarchar(max) NULL,
  [guardianpostalcode] nvarchar(max) NULL,
  [guardiancountry] nvarchar(max) NULL,
  [guardianphone] nvarchar(max) NULL,
  [guardianworkphone] nvarchar(max) NULL,
  [guardianemail] nvarchar(max) NULL;
GO

-- column pharmacies.ncpdp; column pharmacies.npi
-- hisops:stmt 244 69 ["table:pharmacies"]
ALTER TABLE [pharmacies] ADD
  [ncpdp] int NULL,
  [npi] int NULL;
GO

-- column pnotes.portal_relation; column pnotes.is_msg_encrypted; column pnotes.update_by; column pnotes.update_date
-- hisops:stmt 245 217 ["table:pnotes"]
ALTER TABLE [pnotes] ADD
  [portal_relation] nvarchar(100) NULL,
  [is_msg_encrypted] smallint NULL CONSTRAINT [DF_pnotes_is_msg_encrypted] DEFAULT (0),
  [update_by] bigint NULL,
  [update_date] datetime2(0) NULL;
GO

-- column prescriptions.patient_id (type); column prescriptions.external_id; column prescriptions.end_date; column prescriptions.indication; column prescriptions.prn; column prescriptions.ntx; column prescriptions.rtx
-- hisops:stmt 246 69 ["table:prescriptions"]
ALTER TABLE [prescriptions] ALTER COLUMN [patient_id] bigint NULL;
GO

-- hisops:stmt 247 191 ["table:prescriptions"]
ALTER TABLE [prescriptions] ADD
  [external_id] nvarchar(20) NULL,
  [end_date] date NULL,
  [indication] nvarchar(max) NULL,
  [prn] nvarchar(30) NULL,
  [ntx] int NULL,
  [rtx] int NULL;
GO

-- column procedure_order.patient_instructions (nullable, default); column procedure_order.lab_id; column procedure_order.specimen_type; column procedure_order.specimen_location; column procedure_order.specimen_volume; column procedure_order.date_transmitted; column procedure_order.clinical_hx; colu…
-- hisops:stmt 248 101 ["table:procedure_order"]
ALTER TABLE [procedure_order] DROP CONSTRAINT IF EXISTS [DF_procedure_order_patient_instructions];
GO

-- hisops:stmt 249 88 ["table:procedure_order"]
ALTER TABLE [procedure_order] ALTER COLUMN [patient_instructions] nvarchar(max) NULL;
GO

-- hisops:stmt 250 796 ["table:procedure_order"]
ALTER TABLE [procedure_order] ADD
  [lab_id] bigint NOT NULL CONSTRAINT [DF_procedure_order_lab_id] DEFAULT (0),
  [specimen_type] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_order_specimen_type] DEFAULT (''),
  [specimen_location] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_order_specimen_location] DEFAULT (''),
  [specimen_volume] nvarchar(30) NOT NULL CONSTRAINT [DF_procedure_order_specimen_volume] DEFAULT (''),
  [date_transmitted] datetime2(0) NULL,
  [clinical_hx] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_order_clinical_hx] DEFAULT (''),
  [external_id] nvarchar(20) NULL,
  [history_order] nvarchar(1) NULL CONSTRAINT [DF_procedure_order_history_order] DEFAULT ('0'),
  [order_diagnosis] nvarchar(255) NULL CONSTRAINT [DF_procedure_order_order_diagnosis] DEFAULT ('');
GO

-- column procedure_report.procedure_order_seq; column procedure_report.date_collected_tz; column procedure_report.date_report_tz; column procedure_report.report_notes
-- hisops:stmt 251 379 ["table:procedure_report"]
ALTER TABLE [procedure_report] ADD
  [procedure_order_seq] int NOT NULL CONSTRAINT [DF_procedure_report_procedure_order_seq] DEFAULT (1),
  [date_collected_tz] nvarchar(5) NULL CONSTRAINT [DF_procedure_report_date_collected_tz] DEFAULT (''),
  [date_report_tz] nvarchar(5) NULL CONSTRAINT [DF_procedure_report_date_report_tz] DEFAULT (''),
  [report_notes] nvarchar(max) NULL;
GO

-- column procedure_result.result_data_type; column procedure_result.result_code; column procedure_result.result_text; column procedure_result.comments (nullable, default)
-- hisops:stmt 252 336 ["table:procedure_result"]
ALTER TABLE [procedure_result] ADD
  [result_data_type] nchar(1) NOT NULL CONSTRAINT [DF_procedure_result_result_data_type] DEFAULT ('S'),
  [result_code] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_result_result_code] DEFAULT (''),
  [result_text] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_result_result_text] DEFAULT ('');
GO

-- hisops:stmt 253 91 ["table:procedure_result"]
ALTER TABLE [procedure_result] DROP CONSTRAINT IF EXISTS [DF_procedure_result_comments];
GO

-- hisops:stmt 254 77 ["table:procedure_result"]
ALTER TABLE [procedure_result] ALTER COLUMN [comments] nvarchar(max) NULL;
GO

-- column procedure_type.activity; column procedure_type.notes
-- hisops:stmt 255 203 ["table:procedure_type"]
ALTER TABLE [procedure_type] ADD
  [activity] smallint NOT NULL CONSTRAINT [DF_procedure_type_activity] DEFAULT (1),
  [notes] nvarchar(255) NOT NULL CONSTRAINT [DF_procedure_type_notes] DEFAULT ('');
GO

-- column registry.patient_encounter; column registry.therapy_group_encounter; column registry.aco_spec
-- hisops:stmt 256 332 ["table:registry"]
ALTER TABLE [registry] ADD
  [patient_encounter] smallint NOT NULL CONSTRAINT [DF_registry_patient_encounter] DEFAULT (1),
  [therapy_group_encounter] smallint NOT NULL CONSTRAINT [DF_registry_therapy_group_encounter] DEFAULT (0),
  [aco_spec] nvarchar(63) NOT NULL CONSTRAINT [DF_registry_aco_spec] DEFAULT ('encounters|notes');
GO

-- column rule_action_item.reminder_message (nullable, default)
-- hisops:stmt 257 99 ["table:rule_action_item"]
ALTER TABLE [rule_action_item] DROP CONSTRAINT IF EXISTS [DF_rule_action_item_reminder_message];
GO

-- hisops:stmt 258 85 ["table:rule_action_item"]
ALTER TABLE [rule_action_item] ALTER COLUMN [reminder_message] nvarchar(max) NULL;
GO

-- column user_settings.setting_label (type)
-- hisops:stmt 259 83 ["table:user_settings"]
ALTER TABLE [user_settings] ALTER COLUMN [setting_label] nvarchar(100) NOT NULL;
GO

-- column users.suffix; column users.email_direct; column users.weno_prov_id; column users.cpoe; column users.physician_type; column users.main_menu_role; column users.patient_menu_role
-- hisops:stmt 260 450 ["table:users"]
ALTER TABLE [users] ADD
  [suffix] nvarchar(255) NULL,
  [email_direct] nvarchar(255) NOT NULL CONSTRAINT [DF_users_email_direct] DEFAULT (''),
  [weno_prov_id] nvarchar(15) NULL,
  [cpoe] smallint NULL,
  [physician_type] nvarchar(50) NULL,
  [main_menu_role] nvarchar(50) NOT NULL CONSTRAINT [DF_users_main_menu_role] DEFAULT ('standard'),
  [patient_menu_role] nvarchar(50) NOT NULL CONSTRAINT [DF_users_patient_menu_role] DEFAULT ('standard');
GO

-- column version.v_acl
-- hisops:stmt 261 94 ["table:version"]
ALTER TABLE [version] ADD
  [v_acl] int NOT NULL CONSTRAINT [DF_version_v_acl] DEFAULT (0);
GO

-- column x12_partners.processing_format (type); column x12_partners.x12_dtp03
-- hisops:stmt 262 81 ["table:x12_partners"]
ALTER TABLE [x12_partners] ALTER COLUMN [processing_format] nvarchar(20) NULL;
GO

-- hisops:stmt 263 119 ["table:x12_partners"]
ALTER TABLE [x12_partners] ADD
  [x12_dtp03] nchar(1) NOT NULL CONSTRAINT [DF_x12_partners_x12_dtp03] DEFAULT ('A');
GO

-- index form_encounter.encounter_date
-- hisops:stmt 264 62 ["table:form_encounter"]
CREATE INDEX [encounter_date] ON [form_encounter] ([date]);
GO

-- ======================================================================================
-- NEEDS REVIEW: not applied. Each item says why; uncomment what you decide to run.
-- ======================================================================================

-- [review] index lang_constants.constant_name
--   why: drops an index the target does not have (it may be a local addition for performance)
-- DROP INDEX [constant_name] ON [lang_constants];
-- GO

-- [review] column drugs.size (type, default)
--   why: changes the type real → nvarchar(25): existing values are converted and may fail or change
-- ALTER TABLE [drugs] DROP CONSTRAINT IF EXISTS [DF_drugs_size];
-- GO

-- ALTER TABLE [drugs] ALTER COLUMN [size] nvarchar(25) NOT NULL;
-- GO

-- ALTER TABLE [drugs] ADD CONSTRAINT [DF_drugs_size] DEFAULT ('') FOR [size];
-- GO

-- [review] column eligibility_verification.response_id (type)
--   why: changes the type bigint → nvarchar(32): existing values are converted and may fail or change
-- ALTER TABLE [eligibility_verification] ALTER COLUMN [response_id] nvarchar(32) NULL;
-- GO

-- [review] column facility.country_code (type, nullable, default)
--   why: makes the column NOT NULL: fails (or turns NULLs into zeros/empty strings) if rows hold NULL; fill them first
-- ALTER TABLE [facility] DROP CONSTRAINT IF EXISTS [DF_facility_country_code];
-- GO

-- ALTER TABLE [facility] ALTER COLUMN [country_code] nvarchar(30) NOT NULL;
-- GO

-- ALTER TABLE [facility] ADD CONSTRAINT [DF_facility_country_code] DEFAULT ('') FOR [country_code];
-- GO

-- [review] column immunizations.administered_date (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [immunizations] ALTER COLUMN [administered_date] datetime2(0) NULL;
-- GO

-- [review] column immunizations.cvx_code (type)
--   why: changes the type int → nvarchar(10): existing values are converted and may fail or change
-- ALTER TABLE [immunizations] ALTER COLUMN [cvx_code] nvarchar(10) NULL;
-- GO

-- [review] column insurance_companies.freeb_type
--   why: drops the column and its data
-- ALTER TABLE [insurance_companies] DROP COLUMN [freeb_type];
-- GO

-- [review] column layout_options.group_name
--   why: drops the column and its data
-- ALTER TABLE [layout_options] DROP CONSTRAINT IF EXISTS [DF_layout_options_group_name];
-- GO

-- ALTER TABLE [layout_options] DROP COLUMN [group_name];
-- GO

-- [review] column prescriptions.size (type)
--   why: changes the type real → nvarchar(25): existing values are converted and may fail or change
-- ALTER TABLE [prescriptions] ALTER COLUMN [size] nvarchar(25) NULL;
-- GO

-- [review] column prescriptions.txDate
--   why: adds a NOT NULL column without a default: SQL Server refuses it on a table that has rows; add a default or fill it in steps
-- ALTER TABLE [prescriptions] ADD
--   [txDate] date NOT NULL;
-- GO

-- [review] column procedure_order.control_id (type, default)
--   why: changes the type bigint → nvarchar(255): existing values are converted and may fail or change
-- ALTER TABLE [procedure_order] DROP CONSTRAINT IF EXISTS [DF_procedure_order_control_id];
-- GO

-- ALTER TABLE [procedure_order] ALTER COLUMN [control_id] nvarchar(255) NOT NULL;
-- GO

-- ALTER TABLE [procedure_order] ADD CONSTRAINT [DF_procedure_order_control_id] DEFAULT ('') FOR [control_id];
-- GO

-- [review] column procedure_order.procedure_type_id
--   why: drops the column and its data
-- ALTER TABLE [procedure_order] DROP COLUMN [procedure_type_id];
-- GO

-- [review] column procedure_report.date_report (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [procedure_report] ALTER COLUMN [date_report] datetime2(0) NULL;
-- GO

-- [review] column procedure_result.procedure_type_id
--   why: drops the column and its data
-- ALTER TABLE [procedure_result] DROP COLUMN [procedure_type_id];
-- GO

-- [review] column transactions.body
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_body];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [body];
-- GO

-- [review] column transactions.refer_date
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP COLUMN [refer_date];
-- GO

-- [review] column transactions.refer_from
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_refer_from];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [refer_from];
-- GO

-- [review] column transactions.refer_to
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_refer_to];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [refer_to];
-- GO

-- [review] column transactions.refer_diag
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_refer_diag];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [refer_diag];
-- GO

-- [review] column transactions.refer_risk_level
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_refer_risk_level];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [refer_risk_level];
-- GO

-- [review] column transactions.refer_vitals
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_refer_vitals];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [refer_vitals];
-- GO

-- [review] column transactions.refer_external
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_refer_external];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [refer_external];
-- GO

-- [review] column transactions.refer_related_code
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_refer_related_code];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [refer_related_code];
-- GO

-- [review] column transactions.refer_reply_date
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP COLUMN [refer_reply_date];
-- GO

-- [review] column transactions.reply_date
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP COLUMN [reply_date];
-- GO

-- [review] column transactions.reply_from
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_from];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_from];
-- GO

-- [review] column transactions.reply_init_diag
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_init_diag];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_init_diag];
-- GO

-- [review] column transactions.reply_final_diag
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_final_diag];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_final_diag];
-- GO

-- [review] column transactions.reply_documents
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_documents];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_documents];
-- GO

-- [review] column transactions.reply_findings
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_findings];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_findings];
-- GO

-- [review] column transactions.reply_services
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_services];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_services];
-- GO

-- [review] column transactions.reply_recommend
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_recommend];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_recommend];
-- GO

-- [review] column transactions.reply_rx_refer
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_rx_refer];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_rx_refer];
-- GO

-- [review] column transactions.reply_related_code
--   why: drops the column and its data
-- ALTER TABLE [transactions] DROP CONSTRAINT IF EXISTS [DF_transactions_reply_related_code];
-- GO

-- ALTER TABLE [transactions] DROP COLUMN [reply_related_code];
-- GO

-- [review] column users.ssi_relayhealth
--   why: drops the column and its data
-- ALTER TABLE [users] DROP COLUMN [ssi_relayhealth];
-- GO

-- [review] column x12_partners.x12_version
--   why: drops the column and its data
-- ALTER TABLE [x12_partners] DROP COLUMN [x12_version];
-- GO

-- [review] column x12_partners.x12_gs03
--   why: drops the column and its data
-- ALTER TABLE [x12_partners] DROP CONSTRAINT IF EXISTS [DF_x12_partners_x12_gs03];
-- GO

-- ALTER TABLE [x12_partners] DROP COLUMN [x12_gs03];
-- GO

-- [review] index openemr_postcalendar_categories.pc_constant_id
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [pc_constant_id] ON [openemr_postcalendar_categories] ([pc_constant_id]);
-- GO

-- [review] table array
--   why: drops the table and every row in it
-- DROP TABLE [array];
-- GO

-- [review] table config
--   why: drops the table and every row in it
-- DROP TABLE [config];
-- GO

-- [review] table config_seq
--   why: drops the table and every row in it
-- DROP TABLE [config_seq];
-- GO

-- [review] table eligibility_response
--   why: drops the table and every row in it
-- DROP TABLE [eligibility_response];
-- GO

-- [review] table geo_country_reference
--   why: drops the table and every row in it
-- DROP TABLE [geo_country_reference];
-- GO

-- [review] table geo_zone_reference
--   why: drops the table and every row in it
-- DROP TABLE [geo_zone_reference];
-- GO

-- [review] table integration_mapping
--   why: drops the table and every row in it
-- DROP TABLE [integration_mapping];
-- GO

-- [review] table openemr_postcalendar_limits
--   why: drops the table and every row in it
-- DROP TABLE [openemr_postcalendar_limits];
-- GO

-- [review] table openemr_postcalendar_topics
--   why: drops the table and every row in it
-- DROP TABLE [openemr_postcalendar_topics];
-- GO

-- [review] table openemr_session_info
--   why: drops the table and every row in it
-- DROP TABLE [openemr_session_info];
-- GO

-- [review] table pma_bookmark
--   why: drops the table and every row in it
-- DROP TABLE [pma_bookmark];
-- GO

-- [review] table pma_column_info
--   why: drops the table and every row in it
-- DROP TABLE [pma_column_info];
-- GO

-- [review] table pma_history
--   why: drops the table and every row in it
-- DROP TABLE [pma_history];
-- GO

-- [review] table pma_pdf_pages
--   why: drops the table and every row in it
-- DROP TABLE [pma_pdf_pages];
-- GO

-- [review] table pma_relation
--   why: drops the table and every row in it
-- DROP TABLE [pma_relation];
-- GO

-- [review] table pma_table_coords
--   why: drops the table and every row in it
-- DROP TABLE [pma_table_coords];
-- GO

-- [review] table pma_table_info
--   why: drops the table and every row in it
-- DROP TABLE [pma_table_info];
-- GO

-- end of script (264 statement(s) applied by hisops, 80 for review)
