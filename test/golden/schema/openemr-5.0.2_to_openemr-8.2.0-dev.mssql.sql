-- ======================================================================================
-- hisops schema sync script
-- current:    openemr-5.0.2 (MariaDB fixture) (MySQL/MariaDB), fingerprint 13ae58434a42d92d
-- target:     openemr-8.2.0-dev (MariaDB fixture) (MySQL/MariaDB), fingerprint fb15eb412a17058a
-- written:    2025-01-01T00:00:00.000Z by hisops golden, for SQL Server
-- changes:    479 (column +274 -13 ~57; table +78 -4 ~0; index +49 -0 ~0; primary key +1 -0 ~3)
-- safe part:  317 statement(s) for 396 change(s)
-- review:     80 change(s) need a person (commented out below, with reasons)
-- Run it with `hisops schema sync <db> <target> --script <this file> --apply`: hisops checks the
-- fingerprint first and journals every statement, so a stopped run can be resumed with --resume.
-- note:       current: zero-date defaults dropped (no such date outside MySQL): 11 (amendments.created_time, amendments_history.created_time, batchcom.msg_date_sent, drug_inventory.last_notify, drugs.last_notify, …)
-- note:       current: ON UPDATE clocks dropped (use a trigger): 9 (ccda.updated_date, ccda_table_mapping.timestamp, documents_legal_detail.dld_signed_time, form_clinical_instructions.date, form_eye_locking.LOCKEDDATE, …)
-- note:       current: indexes on TEXT/BLOB columns left out: 1 (lang_constants.constant_name)
-- note:       target: ON UPDATE clocks dropped (use a trigger): 31 (care_team_member.date_updated, care_teams.date_updated, ccda.updated_date, ccda_table_mapping.timestamp, contact_address.updated_date, …)
-- note:       target: indexes on TEXT/BLOB columns left out: 3 (lang_constants.constant_name, onetime_auth.pid, track_events.unique_event_label_target)
-- hisops:plan {"format":"hisops-schema-script","version":1,"planId":"4fd2794ecb77fbb1d9b18df35e709fd1","dialect":"mssql","current":"13ae58434a42d92dd6f1f7863e9252aed3eb0c945b9fc85e510f604d390ca28e","target":"fb15eb412a17058a55a49ce3d8b250daa1e6deeba412bd3881a53596bfa9b9af","statements":317,"hisopsVersion":"golden","createdAt":"2025-01-01T00:00:00.000Z"}
-- ======================================================================================

-- ======================================================================================
-- SAFE PART
-- ======================================================================================

-- table api_log
-- hisops:stmt 1 450 ["table:api_log"]
CREATE TABLE [api_log] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [log_id] int NOT NULL,
  [user_id] bigint NOT NULL,
  [patient_id] bigint NOT NULL,
  [ip_address] nvarchar(255) NOT NULL,
  [method] nvarchar(20) NOT NULL,
  [request] nvarchar(255) NOT NULL,
  [request_url] nvarchar(max) NULL,
  [request_body] nvarchar(max) NULL,
  [response] nvarchar(max) NULL,
  [created_time] datetime2(0) NULL,
  CONSTRAINT [PK_api_log] PRIMARY KEY ([id])
);
GO

-- table api_refresh_token
-- hisops:stmt 2 346 ["table:api_refresh_token"]
CREATE TABLE [api_refresh_token] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [user_id] nvarchar(40) NULL,
  [client_id] nvarchar(80) NULL,
  [token] nvarchar(128) NOT NULL,
  [expiry] datetime2(0) NULL,
  [revoked] smallint NOT NULL CONSTRAINT [DF_api_refresh_token_revoked] DEFAULT (0),
  CONSTRAINT [PK_api_refresh_token] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 3 99 ["table:api_refresh_token"]
CREATE INDEX [api_refresh_token_usr_client_idx] ON [api_refresh_token] ([client_id], [user_id]);
GO

-- hisops:stmt 4 64 ["table:api_refresh_token"]
CREATE UNIQUE INDEX [token] ON [api_refresh_token] ([token]);
GO

-- table care_team_member
-- hisops:stmt 5 690 ["table:care_team_member"]
CREATE TABLE [care_team_member] (
  [id] int IDENTITY(1,1) NOT NULL,
  [care_team_id] int NOT NULL,
  [user_id] bigint NULL,
  [contact_id] bigint NULL,
  [role] nvarchar(50) NOT NULL,
  [facility_id] bigint NULL,
  [provider_since] date NULL,
  [status] nvarchar(100) NULL CONSTRAINT [DF_care_team_member_status] DEFAULT ('active'),
  [date_created] datetime2(0) NULL CONSTRAINT [DF_care_team_member_date_created] DEFAULT (sysdatetime()),
  [date_updated] datetime2(0) NULL CONSTRAINT [DF_care_team_member_date_updated] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_by] bigint NULL,
  [note] nvarchar(max) NULL,
  CONSTRAINT [PK_care_team_member] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 6 128 ["table:care_team_member"]
CREATE UNIQUE INDEX [care_team_member_unique] ON [care_team_member] ([care_team_id], [user_id], [facility_id], [contact_id]);
GO

-- table care_teams
-- hisops:stmt 7 567 ["table:care_teams"]
CREATE TABLE [care_teams] (
  [id] int IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [pid] int NOT NULL,
  [status] nvarchar(100) NULL CONSTRAINT [DF_care_teams_status] DEFAULT ('active'),
  [team_name] nvarchar(255) NULL,
  [note] nvarchar(max) NULL,
  [date_created] datetime2(0) NULL CONSTRAINT [DF_care_teams_date_created] DEFAULT (sysdatetime()),
  [date_updated] datetime2(0) NULL CONSTRAINT [DF_care_teams_date_updated] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_by] bigint NULL,
  CONSTRAINT [PK_care_teams] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 8 55 ["table:care_teams"]
CREATE UNIQUE INDEX [uuid] ON [care_teams] ([uuid]);
GO

-- table clinical_notes_documents
-- hisops:stmt 9 367 ["table:clinical_notes_documents"]
CREATE TABLE [clinical_notes_documents] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [clinical_note_id] bigint NOT NULL,
  [document_id] bigint NOT NULL,
  [created_at] datetime2(0) NOT NULL CONSTRAINT [DF_clinical_notes_documents_created_at] DEFAULT (sysdatetime()),
  [created_by] nvarchar(255) NULL,
  CONSTRAINT [PK_clinical_notes_documents] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 10 90 ["table:clinical_notes_documents"]
CREATE INDEX [idx_clinical_note_id] ON [clinical_notes_documents] ([clinical_note_id]);
GO

-- hisops:stmt 11 78 ["table:clinical_notes_documents"]
CREATE INDEX [idx_created_at] ON [clinical_notes_documents] ([created_at]);
GO

-- hisops:stmt 12 80 ["table:clinical_notes_documents"]
CREATE INDEX [idx_document_id] ON [clinical_notes_documents] ([document_id]);
GO

-- hisops:stmt 13 112 ["table:clinical_notes_documents"]
CREATE UNIQUE INDEX [unique_note_document] ON [clinical_notes_documents] ([clinical_note_id], [document_id]);
GO

-- table clinical_notes_procedure_results
-- hisops:stmt 14 399 ["table:clinical_notes_procedure_results"]
CREATE TABLE [clinical_notes_procedure_results] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [clinical_note_id] bigint NOT NULL,
  [procedure_result_id] bigint NOT NULL,
  [created_at] datetime2(0) NOT NULL CONSTRAINT [DF_clinical_notes_procedure_results_created_at] DEFAULT (sysdatetime()),
  [created_by] nvarchar(255) NULL,
  CONSTRAINT [PK_clinical_notes_procedure_results] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 15 98 ["table:clinical_notes_procedure_results"]
CREATE INDEX [idx_clinical_note_id] ON [clinical_notes_procedure_results] ([clinical_note_id]);
GO

-- hisops:stmt 16 86 ["table:clinical_notes_procedure_results"]
CREATE INDEX [idx_created_at] ON [clinical_notes_procedure_results] ([created_at]);
GO

-- hisops:stmt 17 104 ["table:clinical_notes_procedure_results"]
CREATE INDEX [idx_procedure_result_id] ON [clinical_notes_procedure_results] ([procedure_result_id]);
GO

-- hisops:stmt 18 126 ["table:clinical_notes_procedure_results"]
CREATE UNIQUE INDEX [unique_note_result] ON [clinical_notes_procedure_results] ([clinical_note_id], [procedure_result_id]);
GO

-- table contact
-- hisops:stmt 19 295 ["table:contact"]
CREATE TABLE [contact] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [foreign_table_name] nvarchar(255) NOT NULL CONSTRAINT [DF_contact_foreign_table_name] DEFAULT (''),
  [foreign_id] bigint NOT NULL CONSTRAINT [DF_contact_foreign_id] DEFAULT (0),
  CONSTRAINT [PK_contact] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 20 57 ["table:contact"]
CREATE INDEX [foreign_id] ON [contact] ([foreign_id]);
GO

-- table contact_address
-- hisops:stmt 21 741 ["table:contact_address"]
CREATE TABLE [contact_address] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [contact_id] bigint NOT NULL,
  [address_id] bigint NOT NULL,
  [priority] int NULL,
  [type] nvarchar(255) NULL,
  [use] nvarchar(255) NULL,
  [notes] nvarchar(max) NULL,
  [status] nchar(1) NULL,
  [is_primary] nchar(1) NULL,
  [period_start] datetime2(0) NULL,
  [period_end] datetime2(0) NULL,
  [inactivated_reason] nvarchar(45) NULL,
  [created_date] datetime2(0) NOT NULL CONSTRAINT [DF_contact_address_created_date] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_date] datetime2(0) NULL CONSTRAINT [DF_contact_address_updated_date] DEFAULT (sysdatetime()),
  [updated_by] bigint NULL,
  CONSTRAINT [PK_contact_address] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 22 65 ["table:contact_address"]
CREATE INDEX [address_id] ON [contact_address] ([address_id]);
GO

-- hisops:stmt 23 88 ["table:contact_address"]
CREATE INDEX [contact_address_idx] ON [contact_address] ([contact_id], [address_id]);
GO

-- hisops:stmt 24 65 ["table:contact_address"]
CREATE INDEX [contact_id] ON [contact_address] ([contact_id]);
GO

-- table contact_relation
-- hisops:stmt 25 1337 ["table:contact_relation"]
CREATE TABLE [contact_relation] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [contact_id] bigint NOT NULL,
  [target_table] nvarchar(255) NOT NULL CONSTRAINT [DF_contact_relation_target_table] DEFAULT (''),
  [target_id] bigint NOT NULL,
  [active] smallint NULL CONSTRAINT [DF_contact_relation_active] DEFAULT (1),
  [role] nvarchar(63) NULL,
  [relationship] nvarchar(63) NULL,
  [contact_priority] int NULL CONSTRAINT [DF_contact_relation_contact_priority] DEFAULT (1),
  [is_primary_contact] smallint NULL CONSTRAINT [DF_contact_relation_is_primary_contact] DEFAULT (0),
  [is_emergency_contact] smallint NULL CONSTRAINT [DF_contact_relation_is_emergency_contact] DEFAULT (0),
  [can_make_medical_decisions] smallint NULL CONSTRAINT [DF_contact_relation_can_make_medical_decisions] DEFAULT (0),
  [can_receive_medical_info] smallint NULL CONSTRAINT [DF_contact_relation_can_receive_medical_info] DEFAULT (0),
  [start_date] datetime2(0) NULL,
  [end_date] datetime2(0) NULL,
  [notes] nvarchar(max) NULL,
  [created_date] datetime2(0) NOT NULL CONSTRAINT [DF_contact_relation_created_date] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_date] datetime2(0) NULL CONSTRAINT [DF_contact_relation_updated_date] DEFAULT (sysdatetime()),
  [updated_by] bigint NULL,
  CONSTRAINT [PK_contact_relation] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 26 66 ["table:contact_relation"]
CREATE INDEX [contact_id] ON [contact_relation] ([contact_id]);
GO

-- hisops:stmt 27 95 ["table:contact_relation"]
CREATE INDEX [idx_contact_target_table] ON [contact_relation] ([target_table], [target_id]);
GO

-- table contact_telecom
-- hisops:stmt 28 737 ["table:contact_telecom"]
CREATE TABLE [contact_telecom] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [contact_id] bigint NOT NULL,
  [rank] int NULL,
  [system] nvarchar(255) NULL,
  [use] nvarchar(255) NULL,
  [value] nvarchar(255) NULL,
  [status] nchar(1) NULL,
  [is_primary] nchar(1) NULL,
  [notes] nvarchar(max) NULL,
  [period_start] datetime2(0) NULL,
  [period_end] datetime2(0) NULL,
  [inactivated_reason] nvarchar(45) NULL,
  [created_date] datetime2(0) NOT NULL CONSTRAINT [DF_contact_telecom_created_date] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_date] datetime2(0) NULL CONSTRAINT [DF_contact_telecom_updated_date] DEFAULT (sysdatetime()),
  [updated_by] bigint NULL,
  CONSTRAINT [PK_contact_telecom] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 29 65 ["table:contact_telecom"]
CREATE INDEX [contact_id] ON [contact_telecom] ([contact_id]);
GO

-- table document_template_profiles
-- hisops:stmt 30 819 ["table:document_template_profiles"]
CREATE TABLE [document_template_profiles] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [template_id] decimal(20,0) NOT NULL,
  [profile] nvarchar(64) NOT NULL,
  [template_name] nvarchar(255) NOT NULL,
  [category] nvarchar(64) NOT NULL,
  [provider] bigint NULL,
  [modified_date] datetime2(0) NOT NULL CONSTRAINT [DF_document_template_profiles_modified_date] DEFAULT (sysdatetime()),
  [member_of] nvarchar(64) NOT NULL,
  [active] smallint NOT NULL CONSTRAINT [DF_document_template_profiles_active] DEFAULT (0),
  [recurring] smallint NOT NULL CONSTRAINT [DF_document_template_profiles_recurring] DEFAULT (1),
  [event_trigger] nvarchar(31) NOT NULL,
  [period] int NOT NULL,
  [notify_trigger] nvarchar(31) NOT NULL,
  [notify_period] int NOT NULL,
  CONSTRAINT [PK_document_template_profiles] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 31 106 ["table:document_template_profiles"]
CREATE UNIQUE INDEX [location] ON [document_template_profiles] ([profile], [template_id], [member_of]);
GO

-- table document_templates
-- hisops:stmt 32 778 ["table:document_templates"]
CREATE TABLE [document_templates] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [pid] bigint NULL,
  [provider] bigint NULL,
  [encounter] bigint NULL,
  [modified_date] datetime2(0) NOT NULL CONSTRAINT [DF_document_templates_modified_date] DEFAULT (sysdatetime()),
  [profile] nvarchar(63) NOT NULL,
  [category] nvarchar(63) NOT NULL,
  [location] nvarchar(255) NULL,
  [template_name] nvarchar(255) NULL,
  [status] nvarchar(31) NULL,
  [send_date] datetime2(0) NOT NULL CONSTRAINT [DF_document_templates_send_date] DEFAULT (sysdatetime()),
  [end_date] datetime2(0) NULL,
  [size] int NOT NULL CONSTRAINT [DF_document_templates_size] DEFAULT (0),
  [template_content] varbinary(max) NULL,
  [mime] nvarchar(31) NULL,
  CONSTRAINT [PK_document_templates] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 33 106 ["table:document_templates"]
CREATE UNIQUE INDEX [location] ON [document_templates] ([pid], [profile], [category], [template_name]);
GO

-- table dsi_source_attributes
-- hisops:stmt 34 614 ["table:dsi_source_attributes"]
CREATE TABLE [dsi_source_attributes] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [client_id] nvarchar(80) NOT NULL,
  [list_id] nvarchar(100) NOT NULL,
  [option_id] nvarchar(100) NOT NULL,
  [clinical_rule_id] nvarchar(31) NULL,
  [source_value] nvarchar(max) NULL,
  [created_by] bigint NULL,
  [last_updated_by] bigint NULL,
  [created_at] datetime2(0) NULL CONSTRAINT [DF_dsi_source_attributes_created_at] DEFAULT (sysdatetime()),
  [last_updated_at] datetime2(0) NULL CONSTRAINT [DF_dsi_source_attributes_last_updated_at] DEFAULT (sysdatetime()),
  CONSTRAINT [PK_dsi_source_attributes] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 35 98 ["table:dsi_source_attributes"]
CREATE UNIQUE INDEX [list_id] ON [dsi_source_attributes] ([list_id], [option_id], [client_id]);
GO

-- table edi_sequences
-- hisops:stmt 36 104 ["table:edi_sequences"]
CREATE TABLE [edi_sequences] (
  [id] bigint NOT NULL CONSTRAINT [DF_edi_sequences_id] DEFAULT (0)
);
GO

-- table email_queue
-- hisops:stmt 37 725 ["table:email_queue"]
CREATE TABLE [email_queue] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [sender] nvarchar(255) NULL CONSTRAINT [DF_email_queue_sender] DEFAULT (''),
  [recipient] nvarchar(255) NULL CONSTRAINT [DF_email_queue_recipient] DEFAULT (''),
  [subject] nvarchar(255) NULL CONSTRAINT [DF_email_queue_subject] DEFAULT (''),
  [body] nvarchar(max) NULL,
  [datetime_queued] datetime2(0) NULL,
  [sent] smallint NULL CONSTRAINT [DF_email_queue_sent] DEFAULT (0),
  [datetime_sent] datetime2(0) NULL,
  [error] smallint NULL CONSTRAINT [DF_email_queue_error] DEFAULT (0),
  [error_message] nvarchar(max) NULL,
  [datetime_error] datetime2(0) NULL,
  [template_name] nvarchar(255) NULL,
  CONSTRAINT [PK_email_queue] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 38 49 ["table:email_queue"]
CREATE INDEX [sent] ON [email_queue] ([sent]);
GO

-- table export_job
-- hisops:stmt 39 548 ["table:export_job"]
CREATE TABLE [export_job] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [user_id] nvarchar(40) NOT NULL,
  [client_id] nvarchar(80) NOT NULL,
  [status] nvarchar(40) NOT NULL,
  [start_time] datetime2(0) NULL,
  [resource_include_time] datetime2(0) NULL,
  [output_format] nvarchar(128) NOT NULL,
  [request_uri] nvarchar(128) NOT NULL,
  [resources] nvarchar(max) NULL,
  [output] nvarchar(max) NULL,
  [errors] nvarchar(max) NULL,
  [access_token_id] nvarchar(max) NULL,
  CONSTRAINT [PK_export_job] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 40 55 ["table:export_job"]
CREATE UNIQUE INDEX [uuid] ON [export_job] ([uuid]);
GO

-- table fee_schedule
-- hisops:stmt 41 589 ["table:fee_schedule"]
CREATE TABLE [fee_schedule] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [insurance_company_id] int NOT NULL CONSTRAINT [DF_fee_schedule_insurance_company_id] DEFAULT (0),
  [plan] nvarchar(20) NULL CONSTRAINT [DF_fee_schedule_plan] DEFAULT (''),
  [code] nvarchar(10) NULL CONSTRAINT [DF_fee_schedule_code] DEFAULT (''),
  [modifier] nvarchar(2) NULL CONSTRAINT [DF_fee_schedule_modifier] DEFAULT (''),
  [type] nvarchar(20) NULL CONSTRAINT [DF_fee_schedule_type] DEFAULT (''),
  [fee] decimal(12,2) NULL,
  [effective_date] date NULL,
  CONSTRAINT [PK_fee_schedule] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 42 150 ["table:fee_schedule"]
CREATE UNIQUE INDEX [ins_plan_code_mod_type_date] ON [fee_schedule] ([insurance_company_id], [plan], [code], [modifier], [type], [effective_date]);
GO

-- table form_clinical_notes
-- hisops:stmt 43 766 ["table:form_clinical_notes"]
CREATE TABLE [form_clinical_notes] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [form_id] bigint NOT NULL,
  [uuid] binary(16) NULL,
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
  [clinical_notes_type] nvarchar(100) NULL,
  [clinical_notes_category] nvarchar(100) NULL,
  [note_related_to] nvarchar(max) NULL,
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_form_clinical_notes_last_updated] DEFAULT (sysdatetime()),
  CONSTRAINT [PK_form_clinical_notes] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 44 64 ["table:form_clinical_notes"]
CREATE UNIQUE INDEX [uuid] ON [form_clinical_notes] ([uuid]);
GO

-- table form_history_sdoh
-- hisops:stmt 45 2128 ["table:form_history_sdoh"]
CREATE TABLE [form_history_sdoh] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [pid] bigint NOT NULL,
  [encounter] bigint NULL,
  [created_at] datetime2(0) NOT NULL CONSTRAINT [DF_form_history_sdoh_created_at] DEFAULT (sysdatetime()),
  [updated_at] datetime2(0) NOT NULL CONSTRAINT [DF_form_history_sdoh_updated_at] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_by] bigint NULL,
  [assessment_date] date NULL,
  [screening_tool] nvarchar(255) NULL,
  [assessor] nvarchar(255) NULL,
  [food_insecurity] nvarchar(50) NULL,
  [food_insecurity_notes] nvarchar(max) NULL,
  [housing_instability] nvarchar(50) NULL,
  [housing_instability_notes] nvarchar(max) NULL,
  [transportation_insecurity] nvarchar(50) NULL,
  [transportation_insecurity_notes] nvarchar(max) NULL,
  [utilities_insecurity] nvarchar(50) NULL,
  [utilities_insecurity_notes] nvarchar(max) NULL,
  [interpersonal_safety] nvarchar(50) NULL,
  [interpersonal_safety_notes] nvarchar(max) NULL,
  [financial_strain] nvarchar(50) NULL,
  [financial_strain_notes] nvarchar(max) NULL,
  [social_isolation] nvarchar(50) NULL,
  [social_isolation_notes] nvarchar(max) NULL,
  [childcare_needs] nvarchar(50) NULL,
  [childcare_needs_notes] nvarchar(max) NULL,
  [digital_access] nvarchar(50) NULL,
  [digital_access_notes] nvarchar(max) NULL,
  [employment_status] nvarchar(50) NULL,
  [education_level] nvarchar(50) NULL,
  [caregiver_status] nvarchar(20) NULL,
  [veteran_status] nvarchar(20) NULL,
  [pregnancy_status] nvarchar(20) NULL,
  [pregnancy_edd] date NULL,
  [pregnancy_intent] nvarchar(32) NULL,
  [postpartum_status] nvarchar(20) NULL,
  [postpartum_end] date NULL,
  [goals] nvarchar(max) NULL,
  [interventions] nvarchar(max) NULL,
  [instrument_score] int NULL,
  [positive_domain_count] int NULL,
  [declined_flag] smallint NULL,
  [disability_status] nvarchar(50) NULL,
  [disability_status_notes] nvarchar(max) NULL,
  [disability_scale] nvarchar(max) NULL,
  [hunger_q1] nvarchar(50) NULL,
  [hunger_q2] nvarchar(50) NULL,
  [hunger_score] int NULL,
  CONSTRAINT [PK_form_history_sdoh] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 46 76 ["table:form_history_sdoh"]
CREATE INDEX [assessment_idx] ON [form_history_sdoh] ([assessment_date]);
GO

-- hisops:stmt 47 69 ["table:form_history_sdoh"]
CREATE INDEX [encounter_idx] ON [form_history_sdoh] ([encounter]);
GO

-- hisops:stmt 48 57 ["table:form_history_sdoh"]
CREATE INDEX [pid_idx] ON [form_history_sdoh] ([pid]);
GO

-- hisops:stmt 49 59 ["table:form_history_sdoh"]
CREATE INDEX [uuid_idx] ON [form_history_sdoh] ([uuid]);
GO

-- table form_history_sdoh_health_concerns
-- hisops:stmt 50 399 ["table:form_history_sdoh_health_concerns"]
CREATE TABLE [form_history_sdoh_health_concerns] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [sdoh_history_id] decimal(20,0) NOT NULL,
  [health_concern_id] bigint NOT NULL,
  [created_at] datetime2(0) NOT NULL CONSTRAINT [DF_form_history_sdoh_health_concerns_created_at] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  CONSTRAINT [PK_form_history_sdoh_health_concerns] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 51 98 ["table:form_history_sdoh_health_concerns"]
CREATE INDEX [idx_health_concern] ON [form_history_sdoh_health_concerns] ([health_concern_id]);
GO

-- hisops:stmt 52 94 ["table:form_history_sdoh_health_concerns"]
CREATE INDEX [idx_sdoh_history] ON [form_history_sdoh_health_concerns] ([sdoh_history_id]);
GO

-- hisops:stmt 53 125 ["table:form_history_sdoh_health_concerns"]
CREATE UNIQUE INDEX [unique_sdoh_concern] ON [form_history_sdoh_health_concerns] ([sdoh_history_id], [health_concern_id]);
GO

-- table form_questionnaire_assessments
-- hisops:stmt 54 987 ["table:form_questionnaire_assessments"]
CREATE TABLE [form_questionnaire_assessments] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [date] datetime2(0) NULL CONSTRAINT [DF_form_questionnaire_assessments_date] DEFAULT (sysdatetime()),
  [response_id] nvarchar(max) NULL,
  [pid] bigint NOT NULL CONSTRAINT [DF_form_questionnaire_assessments_pid] DEFAULT (0),
  [user] nvarchar(255) NULL,
  [groupname] nvarchar(255) NULL,
  [authorized] smallint NOT NULL CONSTRAINT [DF_form_questionnaire_assessments_authorized] DEFAULT (0),
  [activity] smallint NOT NULL CONSTRAINT [DF_form_questionnaire_assessments_activity] DEFAULT (1),
  [copyright] nvarchar(max) NULL,
  [form_name] nvarchar(255) NULL,
  [response_meta] nvarchar(max) NULL,
  [questionnaire_id] nvarchar(max) NULL,
  [questionnaire] nvarchar(max) NULL,
  [questionnaire_response] nvarchar(max) NULL,
  [lform] nvarchar(max) NULL,
  [lform_response] nvarchar(max) NULL,
  [category] nvarchar(64) NULL,
  CONSTRAINT [PK_form_questionnaire_assessments] PRIMARY KEY ([id])
);
GO

-- table form_vital_details
-- hisops:stmt 55 506 ["table:form_vital_details"]
CREATE TABLE [form_vital_details] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [form_id] bigint NOT NULL,
  [vitals_column] nvarchar(64) NOT NULL,
  [interpretation_list_id] nvarchar(100) NULL,
  [interpretation_option_id] nvarchar(100) NULL,
  [interpretation_codes] nvarchar(255) NULL,
  [interpretation_title] nvarchar(255) NULL,
  [reason_code] nvarchar(31) NULL,
  [reason_description] nvarchar(max) NULL,
  [reason_status] nvarchar(31) NULL,
  CONSTRAINT [PK_form_vital_details] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 56 65 ["table:form_vital_details"]
CREATE INDEX [fk_form_id] ON [form_vital_details] ([form_id]);
GO

-- hisops:stmt 57 116 ["table:form_vital_details"]
CREATE INDEX [fk_list_options_id] ON [form_vital_details] ([interpretation_list_id], [interpretation_option_id]);
GO

-- table form_vitals_calculation
-- hisops:stmt 58 448 ["table:form_vitals_calculation"]
CREATE TABLE [form_vitals_calculation] (
  [id] int IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [encounter] bigint NULL,
  [pid] bigint NOT NULL,
  [date_start] datetime2(0) NULL,
  [date_end] datetime2(0) NULL,
  [created_at] datetime2(0) NULL,
  [updated_at] datetime2(0) NULL,
  [created_by] bigint NULL,
  [updated_by] bigint NULL,
  [calculation_id] nvarchar(64) NULL,
  CONSTRAINT [PK_form_vitals_calculation] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 59 85 ["table:form_vitals_calculation"]
CREATE INDEX [idx_calculation_id] ON [form_vitals_calculation] ([calculation_id]);
GO

-- hisops:stmt 60 75 ["table:form_vitals_calculation"]
CREATE INDEX [idx_encounter] ON [form_vitals_calculation] ([encounter]);
GO

-- hisops:stmt 61 63 ["table:form_vitals_calculation"]
CREATE INDEX [idx_pid] ON [form_vitals_calculation] ([pid]);
GO

-- hisops:stmt 62 72 ["table:form_vitals_calculation"]
CREATE UNIQUE INDEX [unq_uuid] ON [form_vitals_calculation] ([uuid]);
GO

-- table form_vitals_calculation_components
-- hisops:stmt 63 453 ["table:form_vitals_calculation_components"]
CREATE TABLE [form_vitals_calculation_components] (
  [id] int IDENTITY(1,1) NOT NULL,
  [fvc_uuid] binary(16) NOT NULL,
  [vitals_column] nvarchar(64) NOT NULL,
  [value] decimal(12,6) NULL,
  [value_string] nvarchar(255) NULL,
  [value_unit] nvarchar(16) NULL,
  [component_order] int NOT NULL CONSTRAINT [DF_form_vitals_calculation_components_component_order] DEFAULT (0),
  CONSTRAINT [PK_form_vitals_calculation_components] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 64 110 ["table:form_vitals_calculation_components"]
CREATE INDEX [idx_component_order] ON [form_vitals_calculation_components] ([fvc_uuid], [component_order]);
GO

-- hisops:stmt 65 94 ["table:form_vitals_calculation_components"]
CREATE INDEX [idx_vitals_column] ON [form_vitals_calculation_components] ([vitals_column]);
GO

-- hisops:stmt 66 113 ["table:form_vitals_calculation_components"]
CREATE UNIQUE INDEX [unq_fvc_component] ON [form_vitals_calculation_components] ([fvc_uuid], [vitals_column]);
GO

-- table form_vitals_calculation_form_vitals
-- hisops:stmt 67 215 ["table:form_vitals_calculation_form_vitals"]
CREATE TABLE [form_vitals_calculation_form_vitals] (
  [fvc_uuid] binary(16) NOT NULL,
  [vitals_id] bigint NOT NULL,
  CONSTRAINT [PK_form_vitals_calculation_form_vitals] PRIMARY KEY ([fvc_uuid], [vitals_id])
);
GO

-- table gacl_acl
-- hisops:stmt 68 523 ["table:gacl_acl"]
CREATE TABLE [gacl_acl] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_acl_id] DEFAULT (0),
  [section_value] nvarchar(150) NOT NULL CONSTRAINT [DF_gacl_acl_section_value] DEFAULT ('system'),
  [allow] int NOT NULL CONSTRAINT [DF_gacl_acl_allow] DEFAULT (0),
  [enabled] int NOT NULL CONSTRAINT [DF_gacl_acl_enabled] DEFAULT (0),
  [return_value] nvarchar(max) NULL,
  [note] nvarchar(max) NULL,
  [updated_date] int NOT NULL CONSTRAINT [DF_gacl_acl_updated_date] DEFAULT (0),
  CONSTRAINT [PK_gacl_acl] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 69 61 ["table:gacl_acl"]
CREATE INDEX [gacl_enabled_acl] ON [gacl_acl] ([enabled]);
GO

-- hisops:stmt 70 73 ["table:gacl_acl"]
CREATE INDEX [gacl_section_value_acl] ON [gacl_acl] ([section_value]);
GO

-- hisops:stmt 71 71 ["table:gacl_acl"]
CREATE INDEX [gacl_updated_date_acl] ON [gacl_acl] ([updated_date]);
GO

-- table gacl_acl_sections
-- hisops:stmt 72 398 ["table:gacl_acl_sections"]
CREATE TABLE [gacl_acl_sections] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_acl_sections_id] DEFAULT (0),
  [value] nvarchar(150) NOT NULL,
  [order_value] int NOT NULL CONSTRAINT [DF_gacl_acl_sections_order_value] DEFAULT (0),
  [name] nvarchar(230) NOT NULL,
  [hidden] int NOT NULL CONSTRAINT [DF_gacl_acl_sections_hidden] DEFAULT (0),
  CONSTRAINT [PK_gacl_acl_sections] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 73 77 ["table:gacl_acl_sections"]
CREATE INDEX [gacl_hidden_acl_sections] ON [gacl_acl_sections] ([hidden]);
GO

-- hisops:stmt 74 82 ["table:gacl_acl_sections"]
CREATE UNIQUE INDEX [gacl_value_acl_sections] ON [gacl_acl_sections] ([value]);
GO

-- table gacl_acl_seq
-- hisops:stmt 75 55 ["table:gacl_acl_seq"]
CREATE TABLE [gacl_acl_seq] (
  [id] int NOT NULL
);
GO

-- table gacl_aco
-- hisops:stmt 76 448 ["table:gacl_aco"]
CREATE TABLE [gacl_aco] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_aco_id] DEFAULT (0),
  [section_value] nvarchar(150) NOT NULL CONSTRAINT [DF_gacl_aco_section_value] DEFAULT ('0'),
  [value] nvarchar(150) NOT NULL,
  [order_value] int NOT NULL CONSTRAINT [DF_gacl_aco_order_value] DEFAULT (0),
  [name] nvarchar(255) NOT NULL,
  [hidden] int NOT NULL CONSTRAINT [DF_gacl_aco_hidden] DEFAULT (0),
  CONSTRAINT [PK_gacl_aco] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 77 59 ["table:gacl_aco"]
CREATE INDEX [gacl_hidden_aco] ON [gacl_aco] ([hidden]);
GO

-- hisops:stmt 78 95 ["table:gacl_aco"]
CREATE UNIQUE INDEX [gacl_section_value_value_aco] ON [gacl_aco] ([section_value], [value]);
GO

-- table gacl_aco_map
-- hisops:stmt 79 321 ["table:gacl_aco_map"]
CREATE TABLE [gacl_aco_map] (
  [acl_id] int NOT NULL CONSTRAINT [DF_gacl_aco_map_acl_id] DEFAULT (0),
  [section_value] nvarchar(150) NOT NULL CONSTRAINT [DF_gacl_aco_map_section_value] DEFAULT ('0'),
  [value] nvarchar(150) NOT NULL,
  CONSTRAINT [PK_gacl_aco_map] PRIMARY KEY ([acl_id], [section_value], [value])
);
GO

-- table gacl_aco_sections
-- hisops:stmt 80 398 ["table:gacl_aco_sections"]
CREATE TABLE [gacl_aco_sections] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_aco_sections_id] DEFAULT (0),
  [value] nvarchar(150) NOT NULL,
  [order_value] int NOT NULL CONSTRAINT [DF_gacl_aco_sections_order_value] DEFAULT (0),
  [name] nvarchar(230) NOT NULL,
  [hidden] int NOT NULL CONSTRAINT [DF_gacl_aco_sections_hidden] DEFAULT (0),
  CONSTRAINT [PK_gacl_aco_sections] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 81 77 ["table:gacl_aco_sections"]
CREATE INDEX [gacl_hidden_aco_sections] ON [gacl_aco_sections] ([hidden]);
GO

-- hisops:stmt 82 82 ["table:gacl_aco_sections"]
CREATE UNIQUE INDEX [gacl_value_aco_sections] ON [gacl_aco_sections] ([value]);
GO

-- table gacl_aco_sections_seq
-- hisops:stmt 83 64 ["table:gacl_aco_sections_seq"]
CREATE TABLE [gacl_aco_sections_seq] (
  [id] int NOT NULL
);
GO

-- table gacl_aco_seq
-- hisops:stmt 84 55 ["table:gacl_aco_seq"]
CREATE TABLE [gacl_aco_seq] (
  [id] int NOT NULL
);
GO

-- table gacl_aro
-- hisops:stmt 85 448 ["table:gacl_aro"]
CREATE TABLE [gacl_aro] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_aro_id] DEFAULT (0),
  [section_value] nvarchar(150) NOT NULL CONSTRAINT [DF_gacl_aro_section_value] DEFAULT ('0'),
  [value] nvarchar(150) NOT NULL,
  [order_value] int NOT NULL CONSTRAINT [DF_gacl_aro_order_value] DEFAULT (0),
  [name] nvarchar(255) NOT NULL,
  [hidden] int NOT NULL CONSTRAINT [DF_gacl_aro_hidden] DEFAULT (0),
  CONSTRAINT [PK_gacl_aro] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 86 59 ["table:gacl_aro"]
CREATE INDEX [gacl_hidden_aro] ON [gacl_aro] ([hidden]);
GO

-- hisops:stmt 87 95 ["table:gacl_aro"]
CREATE UNIQUE INDEX [gacl_section_value_value_aro] ON [gacl_aro] ([section_value], [value]);
GO

-- table gacl_aro_groups
-- hisops:stmt 88 457 ["table:gacl_aro_groups"]
CREATE TABLE [gacl_aro_groups] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_aro_groups_id] DEFAULT (0),
  [parent_id] int NOT NULL CONSTRAINT [DF_gacl_aro_groups_parent_id] DEFAULT (0),
  [lft] int NOT NULL CONSTRAINT [DF_gacl_aro_groups_lft] DEFAULT (0),
  [rgt] int NOT NULL CONSTRAINT [DF_gacl_aro_groups_rgt] DEFAULT (0),
  [name] nvarchar(255) NOT NULL,
  [value] nvarchar(150) NOT NULL,
  CONSTRAINT [PK_gacl_aro_groups] PRIMARY KEY ([id], [value])
);
GO

-- hisops:stmt 89 78 ["table:gacl_aro_groups"]
CREATE INDEX [gacl_lft_rgt_aro_groups] ON [gacl_aro_groups] ([lft], [rgt]);
GO

-- hisops:stmt 90 79 ["table:gacl_aro_groups"]
CREATE INDEX [gacl_parent_id_aro_groups] ON [gacl_aro_groups] ([parent_id]);
GO

-- hisops:stmt 91 78 ["table:gacl_aro_groups"]
CREATE UNIQUE INDEX [gacl_value_aro_groups] ON [gacl_aro_groups] ([value]);
GO

-- table gacl_aro_groups_id_seq
-- hisops:stmt 92 65 ["table:gacl_aro_groups_id_seq"]
CREATE TABLE [gacl_aro_groups_id_seq] (
  [id] int NOT NULL
);
GO

-- table gacl_aro_groups_map
-- hisops:stmt 93 279 ["table:gacl_aro_groups_map"]
CREATE TABLE [gacl_aro_groups_map] (
  [acl_id] int NOT NULL CONSTRAINT [DF_gacl_aro_groups_map_acl_id] DEFAULT (0),
  [group_id] int NOT NULL CONSTRAINT [DF_gacl_aro_groups_map_group_id] DEFAULT (0),
  CONSTRAINT [PK_gacl_aro_groups_map] PRIMARY KEY ([acl_id], [group_id])
);
GO

-- table gacl_aro_map
-- hisops:stmt 94 321 ["table:gacl_aro_map"]
CREATE TABLE [gacl_aro_map] (
  [acl_id] int NOT NULL CONSTRAINT [DF_gacl_aro_map_acl_id] DEFAULT (0),
  [section_value] nvarchar(150) NOT NULL CONSTRAINT [DF_gacl_aro_map_section_value] DEFAULT ('0'),
  [value] nvarchar(150) NOT NULL,
  CONSTRAINT [PK_gacl_aro_map] PRIMARY KEY ([acl_id], [section_value], [value])
);
GO

-- table gacl_aro_sections
-- hisops:stmt 95 398 ["table:gacl_aro_sections"]
CREATE TABLE [gacl_aro_sections] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_aro_sections_id] DEFAULT (0),
  [value] nvarchar(150) NOT NULL,
  [order_value] int NOT NULL CONSTRAINT [DF_gacl_aro_sections_order_value] DEFAULT (0),
  [name] nvarchar(230) NOT NULL,
  [hidden] int NOT NULL CONSTRAINT [DF_gacl_aro_sections_hidden] DEFAULT (0),
  CONSTRAINT [PK_gacl_aro_sections] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 96 77 ["table:gacl_aro_sections"]
CREATE INDEX [gacl_hidden_aro_sections] ON [gacl_aro_sections] ([hidden]);
GO

-- hisops:stmt 97 82 ["table:gacl_aro_sections"]
CREATE UNIQUE INDEX [gacl_value_aro_sections] ON [gacl_aro_sections] ([value]);
GO

-- table gacl_aro_sections_seq
-- hisops:stmt 98 64 ["table:gacl_aro_sections_seq"]
CREATE TABLE [gacl_aro_sections_seq] (
  [id] int NOT NULL
);
GO

-- table gacl_aro_seq
-- hisops:stmt 99 55 ["table:gacl_aro_seq"]
CREATE TABLE [gacl_aro_seq] (
  [id] int NOT NULL
);
GO

-- table gacl_axo
-- hisops:stmt 100 448 ["table:gacl_axo"]
CREATE TABLE [gacl_axo] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_axo_id] DEFAULT (0),
  [section_value] nvarchar(150) NOT NULL CONSTRAINT [DF_gacl_axo_section_value] DEFAULT ('0'),
  [value] nvarchar(150) NOT NULL,
  [order_value] int NOT NULL CONSTRAINT [DF_gacl_axo_order_value] DEFAULT (0),
  [name] nvarchar(255) NOT NULL,
  [hidden] int NOT NULL CONSTRAINT [DF_gacl_axo_hidden] DEFAULT (0),
  CONSTRAINT [PK_gacl_axo] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 101 59 ["table:gacl_axo"]
CREATE INDEX [gacl_hidden_axo] ON [gacl_axo] ([hidden]);
GO

-- hisops:stmt 102 95 ["table:gacl_axo"]
CREATE UNIQUE INDEX [gacl_section_value_value_axo] ON [gacl_axo] ([section_value], [value]);
GO

-- table gacl_axo_groups
-- hisops:stmt 103 457 ["table:gacl_axo_groups"]
CREATE TABLE [gacl_axo_groups] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_axo_groups_id] DEFAULT (0),
  [parent_id] int NOT NULL CONSTRAINT [DF_gacl_axo_groups_parent_id] DEFAULT (0),
  [lft] int NOT NULL CONSTRAINT [DF_gacl_axo_groups_lft] DEFAULT (0),
  [rgt] int NOT NULL CONSTRAINT [DF_gacl_axo_groups_rgt] DEFAULT (0),
  [name] nvarchar(255) NOT NULL,
  [value] nvarchar(150) NOT NULL,
  CONSTRAINT [PK_gacl_axo_groups] PRIMARY KEY ([id], [value])
);
GO

-- hisops:stmt 104 78 ["table:gacl_axo_groups"]
CREATE INDEX [gacl_lft_rgt_axo_groups] ON [gacl_axo_groups] ([lft], [rgt]);
GO

-- hisops:stmt 105 79 ["table:gacl_axo_groups"]
CREATE INDEX [gacl_parent_id_axo_groups] ON [gacl_axo_groups] ([parent_id]);
GO

-- hisops:stmt 106 78 ["table:gacl_axo_groups"]
CREATE UNIQUE INDEX [gacl_value_axo_groups] ON [gacl_axo_groups] ([value]);
GO

-- table gacl_axo_groups_map
-- hisops:stmt 107 279 ["table:gacl_axo_groups_map"]
CREATE TABLE [gacl_axo_groups_map] (
  [acl_id] int NOT NULL CONSTRAINT [DF_gacl_axo_groups_map_acl_id] DEFAULT (0),
  [group_id] int NOT NULL CONSTRAINT [DF_gacl_axo_groups_map_group_id] DEFAULT (0),
  CONSTRAINT [PK_gacl_axo_groups_map] PRIMARY KEY ([acl_id], [group_id])
);
GO

-- table gacl_axo_map
-- hisops:stmt 108 321 ["table:gacl_axo_map"]
CREATE TABLE [gacl_axo_map] (
  [acl_id] int NOT NULL CONSTRAINT [DF_gacl_axo_map_acl_id] DEFAULT (0),
  [section_value] nvarchar(150) NOT NULL CONSTRAINT [DF_gacl_axo_map_section_value] DEFAULT ('0'),
  [value] nvarchar(150) NOT NULL,
  CONSTRAINT [PK_gacl_axo_map] PRIMARY KEY ([acl_id], [section_value], [value])
);
GO

-- table gacl_axo_sections
-- hisops:stmt 109 398 ["table:gacl_axo_sections"]
CREATE TABLE [gacl_axo_sections] (
  [id] int NOT NULL CONSTRAINT [DF_gacl_axo_sections_id] DEFAULT (0),
  [value] nvarchar(150) NOT NULL,
  [order_value] int NOT NULL CONSTRAINT [DF_gacl_axo_sections_order_value] DEFAULT (0),
  [name] nvarchar(230) NOT NULL,
  [hidden] int NOT NULL CONSTRAINT [DF_gacl_axo_sections_hidden] DEFAULT (0),
  CONSTRAINT [PK_gacl_axo_sections] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 110 77 ["table:gacl_axo_sections"]
CREATE INDEX [gacl_hidden_axo_sections] ON [gacl_axo_sections] ([hidden]);
GO

-- hisops:stmt 111 82 ["table:gacl_axo_sections"]
CREATE UNIQUE INDEX [gacl_value_axo_sections] ON [gacl_axo_sections] ([value]);
GO

-- table gacl_groups_aro_map
-- hisops:stmt 112 279 ["table:gacl_groups_aro_map"]
CREATE TABLE [gacl_groups_aro_map] (
  [group_id] int NOT NULL CONSTRAINT [DF_gacl_groups_aro_map_group_id] DEFAULT (0),
  [aro_id] int NOT NULL CONSTRAINT [DF_gacl_groups_aro_map_aro_id] DEFAULT (0),
  CONSTRAINT [PK_gacl_groups_aro_map] PRIMARY KEY ([group_id], [aro_id])
);
GO

-- hisops:stmt 113 66 ["table:gacl_groups_aro_map"]
CREATE INDEX [gacl_aro_id] ON [gacl_groups_aro_map] ([aro_id]);
GO

-- table gacl_groups_axo_map
-- hisops:stmt 114 279 ["table:gacl_groups_axo_map"]
CREATE TABLE [gacl_groups_axo_map] (
  [group_id] int NOT NULL CONSTRAINT [DF_gacl_groups_axo_map_group_id] DEFAULT (0),
  [axo_id] int NOT NULL CONSTRAINT [DF_gacl_groups_axo_map_axo_id] DEFAULT (0),
  CONSTRAINT [PK_gacl_groups_axo_map] PRIMARY KEY ([group_id], [axo_id])
);
GO

-- hisops:stmt 115 66 ["table:gacl_groups_axo_map"]
CREATE INDEX [gacl_axo_id] ON [gacl_groups_axo_map] ([axo_id]);
GO

-- table gacl_phpgacl
-- hisops:stmt 116 154 ["table:gacl_phpgacl"]
CREATE TABLE [gacl_phpgacl] (
  [name] nvarchar(230) NOT NULL,
  [value] nvarchar(150) NOT NULL,
  CONSTRAINT [PK_gacl_phpgacl] PRIMARY KEY ([name])
);
GO

-- table insurance_type_codes
-- hisops:stmt 117 189 ["table:insurance_type_codes"]
CREATE TABLE [insurance_type_codes] (
  [id] int NOT NULL,
  [type] nvarchar(60) NOT NULL,
  [claim_type] nvarchar(max) NULL,
  CONSTRAINT [PK_insurance_type_codes] PRIMARY KEY ([id])
);
GO

-- table ip_tracking
-- hisops:stmt 118 769 ["table:ip_tracking"]
CREATE TABLE [ip_tracking] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [ip_string] nvarchar(255) NULL CONSTRAINT [DF_ip_tracking_ip_string] DEFAULT (''),
  [total_ip_login_fail_counter] bigint NULL CONSTRAINT [DF_ip_tracking_total_ip_login_fail_counter] DEFAULT (0),
  [ip_login_fail_counter] bigint NULL CONSTRAINT [DF_ip_tracking_ip_login_fail_counter] DEFAULT (0),
  [ip_last_login_fail] datetime2(0) NULL,
  [ip_auto_block_emailed] smallint NULL CONSTRAINT [DF_ip_tracking_ip_auto_block_emailed] DEFAULT (0),
  [ip_force_block] smallint NULL CONSTRAINT [DF_ip_tracking_ip_force_block] DEFAULT (0),
  [ip_no_prevent_timing_attack] smallint NULL CONSTRAINT [DF_ip_tracking_ip_no_prevent_timing_attack] DEFAULT (0),
  CONSTRAINT [PK_ip_tracking] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 119 66 ["table:ip_tracking"]
CREATE UNIQUE INDEX [ip_string] ON [ip_tracking] ([ip_string]);
GO

-- table jwt_grant_history
-- hisops:stmt 120 343 ["table:jwt_grant_history"]
CREATE TABLE [jwt_grant_history] (
  [id] int IDENTITY(1,1) NOT NULL,
  [jti] nvarchar(100) NOT NULL,
  [client_id] nvarchar(80) NOT NULL,
  [jti_exp] datetime2(0) NULL,
  [creation_date] datetime2(0) NOT NULL CONSTRAINT [DF_jwt_grant_history_creation_date] DEFAULT (sysdatetime()),
  CONSTRAINT [PK_jwt_grant_history] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 121 53 ["table:jwt_grant_history"]
CREATE INDEX [jti] ON [jwt_grant_history] ([jti]);
GO

-- table lists_medication
-- hisops:stmt 122 723 ["table:lists_medication"]
CREATE TABLE [lists_medication] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [list_id] bigint NULL,
  [drug_dosage_instructions] nvarchar(max) NULL,
  [usage_category] nvarchar(100) NULL,
  [usage_category_title] nvarchar(255) NOT NULL,
  [request_intent] nvarchar(100) NULL,
  [request_intent_title] nvarchar(255) NOT NULL,
  [medication_adherence_information_source] nvarchar(50) NULL,
  [medication_adherence] nvarchar(50) NULL,
  [medication_adherence_date_asserted] datetime2(0) NULL,
  [prescription_id] bigint NULL,
  [is_primary_record] smallint NULL CONSTRAINT [DF_lists_medication_is_primary_record] DEFAULT (1),
  [reporting_source_record_id] bigint NULL,
  CONSTRAINT [PK_lists_medication] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 123 78 ["table:lists_medication"]
CREATE INDEX [lists_medication_list_idx] ON [lists_medication] ([list_id]);
GO

-- hisops:stmt 124 88 ["table:lists_medication"]
CREATE INDEX [lists_med_request_intent_idx] ON [lists_medication] ([request_intent]);
GO

-- hisops:stmt 125 88 ["table:lists_medication"]
CREATE INDEX [lists_med_usage_category_idx] ON [lists_medication] ([usage_category]);
GO

-- table migrations
-- hisops:stmt 126 193 ["table:migrations"]
CREATE TABLE [migrations] (
  [version] nvarchar(191) NOT NULL,
  [executed_at] datetime2(0) NULL,
  [execution_duration_ms] int NULL,
  CONSTRAINT [PK_migrations] PRIMARY KEY ([version])
);
GO

-- table oauth_clients
-- hisops:stmt 127 1254 ["table:oauth_clients"]
CREATE TABLE [oauth_clients] (
  [client_id] nvarchar(80) NOT NULL,
  [client_role] nvarchar(20) NULL,
  [client_name] nvarchar(80) NOT NULL,
  [client_secret] nvarchar(max) NULL,
  [registration_token] nvarchar(80) NULL,
  [registration_uri_path] nvarchar(40) NULL,
  [register_date] datetime2(0) NULL,
  [revoke_date] datetime2(0) NULL,
  [contacts] nvarchar(max) NULL,
  [redirect_uri] nvarchar(max) NULL,
  [grant_types] nvarchar(80) NULL,
  [scope] nvarchar(max) NULL,
  [user_id] nvarchar(40) NULL,
  [site_id] nvarchar(64) NULL,
  [is_confidential] smallint NOT NULL CONSTRAINT [DF_oauth_clients_is_confidential] DEFAULT (1),
  [logout_redirect_uris] nvarchar(max) NULL,
  [jwks_uri] nvarchar(max) NULL,
  [jwks] nvarchar(max) NULL,
  [initiate_login_uri] nvarchar(max) NULL,
  [endorsements] nvarchar(max) NULL,
  [policy_uri] nvarchar(max) NULL,
  [tos_uri] nvarchar(max) NULL,
  [is_enabled] smallint NOT NULL CONSTRAINT [DF_oauth_clients_is_enabled] DEFAULT (0),
  [skip_ehr_launch_authorization_flow] smallint NOT NULL CONSTRAINT [DF_oauth_clients_skip_ehr_launch_authorization_flow] DEFAULT (0),
  [dsi_type] tinyint NOT NULL CONSTRAINT [DF_oauth_clients_dsi_type] DEFAULT (1),
  CONSTRAINT [PK_oauth_clients] PRIMARY KEY ([client_id])
);
GO

-- table oauth_trusted_user
-- hisops:stmt 128 452 ["table:oauth_trusted_user"]
CREATE TABLE [oauth_trusted_user] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [user_id] nvarchar(80) NULL,
  [client_id] nvarchar(80) NULL,
  [scope] nvarchar(max) NULL,
  [persist_login] smallint NULL CONSTRAINT [DF_oauth_trusted_user_persist_login] DEFAULT (0),
  [time] datetime2(0) NULL,
  [code] nvarchar(max) NULL,
  [session_cache] nvarchar(max) NULL,
  [grant_type] nvarchar(32) NULL,
  CONSTRAINT [PK_oauth_trusted_user] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 129 66 ["table:oauth_trusted_user"]
CREATE INDEX [accounts_id] ON [oauth_trusted_user] ([user_id]);
GO

-- hisops:stmt 130 67 ["table:oauth_trusted_user"]
CREATE INDEX [clients_id] ON [oauth_trusted_user] ([client_id]);
GO

-- table onetime_auth
-- hisops:stmt 131 695 ["table:onetime_auth"]
CREATE TABLE [onetime_auth] (
  [id] int IDENTITY(1,1) NOT NULL,
  [pid] bigint NULL,
  [create_user_id] bigint NULL,
  [context] nvarchar(64) NULL,
  [access_count] int NOT NULL CONSTRAINT [DF_onetime_auth_access_count] DEFAULT (0),
  [remote_ip] nvarchar(32) NULL,
  [onetime_pin] nvarchar(10) NULL,
  [onetime_token] nvarchar(max) NULL,
  [redirect_url] nvarchar(max) NULL,
  [expires] int NULL,
  [date_created] datetime2(0) NULL CONSTRAINT [DF_onetime_auth_date_created] DEFAULT (sysdatetime()),
  [last_accessed] datetime2(0) NULL,
  [scope] nvarchar(max) NULL,
  [profile] nvarchar(max) NULL,
  [onetime_actions] nvarchar(max) NULL,
  CONSTRAINT [PK_onetime_auth] PRIMARY KEY ([id])
);
GO

-- table patient_care_experience_preferences
-- hisops:stmt 132 884 ["table:patient_care_experience_preferences"]
CREATE TABLE [patient_care_experience_preferences] (
  [id] int IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [patient_id] int NOT NULL,
  [observation_code] nvarchar(50) NOT NULL,
  [observation_code_text] nvarchar(255) NULL,
  [value_type] nvarchar(7) NULL CONSTRAINT [DF_patient_care_experience_preferences_value_type] DEFAULT ('coded'),
  [value_code] nvarchar(50) NULL,
  [value_code_system] nvarchar(255) NULL,
  [value_display] nvarchar(255) NULL,
  [value_text] nvarchar(max) NULL,
  [value_boolean] smallint NULL,
  [effective_datetime] datetime2(0) NOT NULL CONSTRAINT [DF_patient_care_experience_preferences_effective_datetime] DEFAULT (sysdatetime()),
  [status] nvarchar(20) NULL CONSTRAINT [DF_patient_care_experience_preferences_status] DEFAULT ('final'),
  [note] nvarchar(max) NULL,
  CONSTRAINT [PK_patient_care_experience_preferences] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 133 97 ["table:patient_care_experience_preferences"]
CREATE INDEX [observation_code] ON [patient_care_experience_preferences] ([observation_code]);
GO

-- hisops:stmt 134 85 ["table:patient_care_experience_preferences"]
CREATE INDEX [patient_id] ON [patient_care_experience_preferences] ([patient_id]);
GO

-- hisops:stmt 135 77 ["table:patient_care_experience_preferences"]
CREATE INDEX [status] ON [patient_care_experience_preferences] ([status]);
GO

-- hisops:stmt 136 84 ["table:patient_care_experience_preferences"]
CREATE UNIQUE INDEX [unq_uuid] ON [patient_care_experience_preferences] ([uuid]);
GO

-- table patient_history
-- hisops:stmt 137 686 ["table:patient_history"]
CREATE TABLE [patient_history] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [date] datetime2(0) NOT NULL CONSTRAINT [DF_patient_history_date] DEFAULT (sysdatetime()),
  [care_team_provider] nvarchar(max) NULL,
  [care_team_facility] nvarchar(max) NULL,
  [pid] bigint NOT NULL,
  [history_type_key] nvarchar(36) NULL,
  [previous_name_prefix] nvarchar(max) NULL,
  [previous_name_first] nvarchar(max) NULL,
  [previous_name_middle] nvarchar(max) NULL,
  [previous_name_last] nvarchar(max) NULL,
  [previous_name_suffix] nvarchar(max) NULL,
  [previous_name_enddate] date NULL,
  [created_by] bigint NULL,
  CONSTRAINT [PK_patient_history] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 138 55 ["table:patient_history"]
CREATE INDEX [pid_idx] ON [patient_history] ([pid]);
GO

-- hisops:stmt 139 60 ["table:patient_history"]
CREATE UNIQUE INDEX [uuid] ON [patient_history] ([uuid]);
GO

-- table patient_settings
-- hisops:stmt 140 365 ["table:patient_settings"]
CREATE TABLE [patient_settings] (
  [setting_patient] bigint NOT NULL CONSTRAINT [DF_patient_settings_setting_patient] DEFAULT (0),
  [setting_label] nvarchar(100) NOT NULL,
  [setting_value] nvarchar(255) NOT NULL CONSTRAINT [DF_patient_settings_setting_value] DEFAULT (''),
  CONSTRAINT [PK_patient_settings] PRIMARY KEY ([setting_patient], [setting_label])
);
GO

-- table patient_treatment_intervention_preferences
-- hisops:stmt 141 919 ["table:patient_treatment_intervention_preferences"]
CREATE TABLE [patient_treatment_intervention_preferences] (
  [id] int IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [patient_id] int NOT NULL,
  [observation_code] nvarchar(50) NOT NULL,
  [observation_code_text] nvarchar(255) NULL,
  [value_type] nvarchar(7) NULL CONSTRAINT [DF_patient_treatment_intervention_preferences_value_type] DEFAULT ('coded'),
  [value_code] nvarchar(50) NULL,
  [value_code_system] nvarchar(255) NULL,
  [value_display] nvarchar(255) NULL,
  [value_text] nvarchar(max) NULL,
  [value_boolean] smallint NULL,
  [effective_datetime] datetime2(0) NOT NULL CONSTRAINT [DF_patient_treatment_intervention_preferences_effective_datetime] DEFAULT (sysdatetime()),
  [status] nvarchar(20) NULL CONSTRAINT [DF_patient_treatment_intervention_preferences_status] DEFAULT ('final'),
  [note] nvarchar(max) NULL,
  CONSTRAINT [PK_patient_treatment_intervention_preferences] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 142 104 ["table:patient_treatment_intervention_preferences"]
CREATE INDEX [observation_code] ON [patient_treatment_intervention_preferences] ([observation_code]);
GO

-- hisops:stmt 143 92 ["table:patient_treatment_intervention_preferences"]
CREATE INDEX [patient_id] ON [patient_treatment_intervention_preferences] ([patient_id]);
GO

-- hisops:stmt 144 84 ["table:patient_treatment_intervention_preferences"]
CREATE INDEX [status] ON [patient_treatment_intervention_preferences] ([status]);
GO

-- hisops:stmt 145 91 ["table:patient_treatment_intervention_preferences"]
CREATE UNIQUE INDEX [unq_uuid] ON [patient_treatment_intervention_preferences] ([uuid]);
GO

-- table payment_processing_audit
-- hisops:stmt 146 902 ["table:payment_processing_audit"]
CREATE TABLE [payment_processing_audit] (
  [uuid] binary(16) NOT NULL CONSTRAINT [DF_payment_processing_audit_uuid] DEFAULT (0x00000000000000000000000000000000),
  [service] nvarchar(50) NULL,
  [pid] bigint NOT NULL,
  [success] smallint NULL CONSTRAINT [DF_payment_processing_audit_success] DEFAULT (0),
  [action_name] nvarchar(50) NULL,
  [amount] nvarchar(20) NULL,
  [ticket] nvarchar(100) NULL,
  [transaction_id] nvarchar(100) NULL,
  [audit_data] nvarchar(max) NULL,
  [date] datetime2(0) NULL,
  [map_uuid] binary(16) NULL,
  [map_transaction_id] nvarchar(100) NULL,
  [reverted] smallint NULL CONSTRAINT [DF_payment_processing_audit_reverted] DEFAULT (0),
  [revert_action_name] nvarchar(50) NULL,
  [revert_transaction_id] nvarchar(100) NULL,
  [revert_audit_data] nvarchar(max) NULL,
  [revert_date] datetime2(0) NULL,
  CONSTRAINT [PK_payment_processing_audit] PRIMARY KEY ([uuid])
);
GO

-- hisops:stmt 147 60 ["table:payment_processing_audit"]
CREATE INDEX [pid] ON [payment_processing_audit] ([pid]);
GO

-- hisops:stmt 148 68 ["table:payment_processing_audit"]
CREATE INDEX [success] ON [payment_processing_audit] ([success]);
GO

-- table person
-- hisops:stmt 149 1021 ["table:person"]
CREATE TABLE [person] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [title] nvarchar(31) NULL,
  [first_name] nvarchar(63) NULL,
  [middle_name] nvarchar(63) NULL,
  [last_name] nvarchar(63) NULL,
  [preferred_name] nvarchar(63) NULL,
  [gender] nvarchar(31) NULL,
  [birth_date] date NULL,
  [death_date] date NULL,
  [marital_status] nvarchar(31) NULL,
  [race] nvarchar(63) NULL,
  [ethnicity] nvarchar(63) NULL,
  [preferred_language] nvarchar(63) NULL,
  [communication] nvarchar(254) NULL,
  [ssn] nvarchar(31) NULL,
  [active] smallint NULL CONSTRAINT [DF_person_active] DEFAULT (1),
  [inactive_reason] nvarchar(255) NULL,
  [inactive_date] datetime2(0) NULL,
  [notes] nvarchar(max) NULL,
  [created_date] datetime2(0) NOT NULL CONSTRAINT [DF_person_created_date] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_date] datetime2(0) NULL CONSTRAINT [DF_person_updated_date] DEFAULT (sysdatetime()),
  [updated_by] bigint NULL,
  CONSTRAINT [PK_person] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 150 59 ["table:person"]
CREATE INDEX [idx_person_active] ON [person] ([active]);
GO

-- hisops:stmt 151 60 ["table:person"]
CREATE INDEX [idx_person_dob] ON [person] ([birth_date]);
GO

-- hisops:stmt 152 74 ["table:person"]
CREATE INDEX [idx_person_name] ON [person] ([last_name], [first_name]);
GO

-- hisops:stmt 153 90 ["table:person"]
CREATE INDEX [idx_person_search] ON [person] ([last_name], [first_name], [birth_date]);
GO

-- hisops:stmt 154 51 ["table:person"]
CREATE UNIQUE INDEX [uuid] ON [person] ([uuid]);
GO

-- table person_patient_link
-- hisops:stmt 155 555 ["table:person_patient_link"]
CREATE TABLE [person_patient_link] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [person_id] bigint NOT NULL,
  [patient_id] bigint NOT NULL,
  [linked_date] datetime2(0) NOT NULL CONSTRAINT [DF_person_patient_link_linked_date] DEFAULT (sysdatetime()),
  [linked_by] bigint NULL,
  [link_method] nvarchar(50) NULL CONSTRAINT [DF_person_patient_link_link_method] DEFAULT ('manual'),
  [notes] nvarchar(max) NULL,
  [active] smallint NOT NULL CONSTRAINT [DF_person_patient_link_active] DEFAULT (1),
  CONSTRAINT [PK_person_patient_link] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 156 69 ["table:person_patient_link"]
CREATE INDEX [idx_ppl_active] ON [person_patient_link] ([active]);
GO

-- hisops:stmt 157 79 ["table:person_patient_link"]
CREATE INDEX [idx_ppl_linked_date] ON [person_patient_link] ([linked_date]);
GO

-- hisops:stmt 158 74 ["table:person_patient_link"]
CREATE INDEX [idx_ppl_method] ON [person_patient_link] ([link_method]);
GO

-- hisops:stmt 159 74 ["table:person_patient_link"]
CREATE INDEX [idx_ppl_patient] ON [person_patient_link] ([patient_id]);
GO

-- hisops:stmt 160 72 ["table:person_patient_link"]
CREATE INDEX [idx_ppl_person] ON [person_patient_link] ([person_id]);
GO

-- hisops:stmt 161 107 ["table:person_patient_link"]
CREATE UNIQUE INDEX [unique_active_link] ON [person_patient_link] ([person_id], [patient_id], [active]);
GO

-- table preference_value_sets
-- hisops:stmt 162 512 ["table:preference_value_sets"]
CREATE TABLE [preference_value_sets] (
  [id] int IDENTITY(1,1) NOT NULL,
  [loinc_code] nvarchar(50) NOT NULL,
  [answer_code] nvarchar(100) NOT NULL,
  [answer_system] nvarchar(255) NOT NULL,
  [answer_display] nvarchar(255) NOT NULL,
  [answer_definition] nvarchar(max) NULL,
  [sort_order] int NULL CONSTRAINT [DF_preference_value_sets_sort_order] DEFAULT (0),
  [active] smallint NULL CONSTRAINT [DF_preference_value_sets_active] DEFAULT (1),
  CONSTRAINT [PK_preference_value_sets] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 163 71 ["table:preference_value_sets"]
CREATE INDEX [loinc_code] ON [preference_value_sets] ([loinc_code]);
GO

-- table pro_assessments
-- hisops:stmt 164 498 ["table:pro_assessments"]
CREATE TABLE [pro_assessments] (
  [id] int IDENTITY(1,1) NOT NULL,
  [form_oid] nvarchar(255) NOT NULL,
  [form_name] nvarchar(255) NOT NULL,
  [user_id] int NOT NULL,
  [deadline] datetime2(0) NOT NULL,
  [patient_id] int NOT NULL,
  [assessment_oid] nvarchar(255) NOT NULL,
  [status] nvarchar(255) NOT NULL,
  [score] float NOT NULL,
  [error] float NOT NULL,
  [created_at] datetime2(0) NOT NULL,
  [updated_at] datetime2(0) NOT NULL,
  CONSTRAINT [PK_pro_assessments] PRIMARY KEY ([id])
);
GO

-- table procedure_order_relationships
-- hisops:stmt 165 453 ["table:procedure_order_relationships"]
CREATE TABLE [procedure_order_relationships] (
  [id] int IDENTITY(1,1) NOT NULL,
  [procedure_order_id] bigint NOT NULL,
  [resource_type] nvarchar(50) NOT NULL,
  [resource_uuid] binary(16) NOT NULL,
  [relationship] nvarchar(50) NULL,
  [created_at] datetime2(0) NULL CONSTRAINT [DF_procedure_order_relationships_created_at] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  CONSTRAINT [PK_procedure_order_relationships] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 166 83 ["table:procedure_order_relationships"]
CREATE INDEX [idx_created_at] ON [procedure_order_relationships] ([created_at]);
GO

-- hisops:stmt 167 89 ["table:procedure_order_relationships"]
CREATE INDEX [idx_order_id] ON [procedure_order_relationships] ([procedure_order_id]);
GO

-- hisops:stmt 168 101 ["table:procedure_order_relationships"]
CREATE INDEX [idx_resource] ON [procedure_order_relationships] ([resource_type], [resource_uuid]);
GO

-- table procedure_specimen
-- hisops:stmt 169 1340 ["table:procedure_specimen"]
CREATE TABLE [procedure_specimen] (
  [procedure_specimen_id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [procedure_order_id] bigint NOT NULL,
  [procedure_order_seq] int NOT NULL,
  [specimen_identifier] nvarchar(128) NULL,
  [accession_identifier] nvarchar(128) NULL,
  [specimen_type_code] nvarchar(64) NULL,
  [specimen_type] nvarchar(255) NULL,
  [collection_method_code] nvarchar(64) NULL,
  [collection_method] nvarchar(255) NULL,
  [specimen_location_code] nvarchar(64) NULL,
  [specimen_location] nvarchar(255) NULL,
  [collected_date] datetime2(0) NULL,
  [collection_date_low] datetime2(0) NULL,
  [collection_date_high] datetime2(0) NULL,
  [volume_value] decimal(10,3) NULL,
  [volume_unit] nvarchar(32) NULL CONSTRAINT [DF_procedure_specimen_volume_unit] DEFAULT ('mL'),
  [condition_code] nvarchar(32) NULL,
  [specimen_condition] nvarchar(64) NULL,
  [comments] nvarchar(max) NULL,
  [created_at] datetime2(0) NULL CONSTRAINT [DF_procedure_specimen_created_at] DEFAULT (sysdatetime()),
  [updated_at] datetime2(0) NULL CONSTRAINT [DF_procedure_specimen_updated_at] DEFAULT (sysdatetime()),
  [created_by] bigint NULL,
  [updated_by] bigint NULL,
  [deleted] smallint NULL CONSTRAINT [DF_procedure_specimen_deleted] DEFAULT (0),
  CONSTRAINT [PK_procedure_specimen] PRIMARY KEY ([procedure_specimen_id])
);
GO

-- hisops:stmt 170 81 ["table:procedure_specimen"]
CREATE INDEX [idx_accession] ON [procedure_specimen] ([accession_identifier]);
GO

-- hisops:stmt 171 81 ["table:procedure_specimen"]
CREATE INDEX [idx_identifier] ON [procedure_specimen] ([specimen_identifier]);
GO

-- hisops:stmt 172 103 ["table:procedure_specimen"]
CREATE INDEX [idx_order_line] ON [procedure_specimen] ([procedure_order_id], [procedure_order_seq]);
GO

-- hisops:stmt 173 70 ["table:procedure_specimen"]
CREATE UNIQUE INDEX [uuid_unique] ON [procedure_specimen] ([uuid]);
GO

-- table questionnaire_repository
-- hisops:stmt 174 1043 ["table:questionnaire_repository"]
CREATE TABLE [questionnaire_repository] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [questionnaire_id] nvarchar(255) NULL,
  [provider] bigint NULL,
  [version] int NOT NULL CONSTRAINT [DF_questionnaire_repository_version] DEFAULT (1),
  [created_date] datetime2(0) NULL CONSTRAINT [DF_questionnaire_repository_created_date] DEFAULT (sysdatetime()),
  [modified_date] datetime2(0) NULL CONSTRAINT [DF_questionnaire_repository_modified_date] DEFAULT (sysdatetime()),
  [name] nvarchar(255) NULL,
  [type] nvarchar(63) NOT NULL CONSTRAINT [DF_questionnaire_repository_type] DEFAULT ('Questionnaire'),
  [profile] nvarchar(255) NULL,
  [active] smallint NOT NULL CONSTRAINT [DF_questionnaire_repository_active] DEFAULT (1),
  [status] nvarchar(31) NULL,
  [source_url] nvarchar(max) NULL,
  [code] nvarchar(255) NULL,
  [code_display] nvarchar(max) NULL,
  [questionnaire] nvarchar(max) NULL,
  [lform] nvarchar(max) NULL,
  [category] nvarchar(64) NULL,
  CONSTRAINT [PK_questionnaire_repository] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 175 84 ["table:questionnaire_repository"]
CREATE INDEX [search] ON [questionnaire_repository] ([name], [questionnaire_id]);
GO

-- hisops:stmt 176 69 ["table:questionnaire_repository"]
CREATE UNIQUE INDEX [uuid] ON [questionnaire_repository] ([uuid]);
GO

-- table questionnaire_response
-- hisops:stmt 177 892 ["table:questionnaire_response"]
CREATE TABLE [questionnaire_response] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NULL,
  [response_id] nvarchar(255) NULL,
  [questionnaire_foreign_id] bigint NULL,
  [questionnaire_id] nvarchar(255) NULL,
  [questionnaire_name] nvarchar(255) NULL,
  [patient_id] int NULL,
  [encounter] int NULL,
  [audit_user_id] int NULL,
  [creator_user_id] int NULL,
  [create_time] datetime2(0) NULL CONSTRAINT [DF_questionnaire_response_create_time] DEFAULT (sysdatetime()),
  [last_updated] datetime2(0) NULL,
  [version] int NOT NULL CONSTRAINT [DF_questionnaire_response_version] DEFAULT (1),
  [status] nvarchar(63) NULL,
  [questionnaire] nvarchar(max) NULL,
  [questionnaire_response] nvarchar(max) NULL,
  [form_response] nvarchar(max) NULL,
  [form_score] int NULL,
  [tscore] float NULL,
  [error] float NULL,
  CONSTRAINT [PK_questionnaire_response] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 178 133 ["table:questionnaire_response"]
CREATE INDEX [response_index] ON [questionnaire_response] ([response_id], [patient_id], [questionnaire_id], [questionnaire_name]);
GO

-- hisops:stmt 179 67 ["table:questionnaire_response"]
CREATE UNIQUE INDEX [uuid] ON [questionnaire_response] ([uuid]);
GO

-- table recent_patients
-- hisops:stmt 180 164 ["table:recent_patients"]
CREATE TABLE [recent_patients] (
  [user_id] nvarchar(40) NOT NULL,
  [patients] nvarchar(max) NULL,
  CONSTRAINT [PK_recent_patients] PRIMARY KEY ([user_id])
);
GO

-- table session_tracker
-- hisops:stmt 181 363 ["table:session_tracker"]
CREATE TABLE [session_tracker] (
  [uuid] binary(16) NOT NULL CONSTRAINT [DF_session_tracker_uuid] DEFAULT (0x00000000000000000000000000000000),
  [created] datetime2(0) NULL,
  [last_updated] datetime2(0) NULL,
  [number_scripts] bigint NULL CONSTRAINT [DF_session_tracker_number_scripts] DEFAULT (1),
  CONSTRAINT [PK_session_tracker] PRIMARY KEY ([uuid])
);
GO

-- table track_events
-- hisops:stmt 182 417 ["table:track_events"]
CREATE TABLE [track_events] (
  [id] int IDENTITY(1,1) NOT NULL,
  [event_type] nvarchar(max) NULL,
  [event_label] nvarchar(255) NULL,
  [event_url] nvarchar(max) NULL,
  [event_target] nvarchar(max) NULL,
  [first_event] datetime2(0) NULL,
  [last_event] datetime2(0) NULL,
  [label_count] bigint NOT NULL CONSTRAINT [DF_track_events_label_count] DEFAULT (1),
  CONSTRAINT [PK_track_events] PRIMARY KEY ([id])
);
GO

-- table uuid_mapping
-- hisops:stmt 183 594 ["table:uuid_mapping"]
CREATE TABLE [uuid_mapping] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [uuid] binary(16) NOT NULL CONSTRAINT [DF_uuid_mapping_uuid] DEFAULT (0x00000000000000000000000000000000),
  [resource] nvarchar(255) NOT NULL CONSTRAINT [DF_uuid_mapping_resource] DEFAULT (''),
  [resource_path] nvarchar(255) NULL,
  [table] nvarchar(255) NOT NULL CONSTRAINT [DF_uuid_mapping_table] DEFAULT (''),
  [target_uuid] binary(16) NOT NULL CONSTRAINT [DF_uuid_mapping_target_uuid] DEFAULT (0x00000000000000000000000000000000),
  [created] datetime2(0) NULL,
  CONSTRAINT [PK_uuid_mapping] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 184 58 ["table:uuid_mapping"]
CREATE INDEX [resource] ON [uuid_mapping] ([resource]);
GO

-- hisops:stmt 185 52 ["table:uuid_mapping"]
CREATE INDEX [table] ON [uuid_mapping] ([table]);
GO

-- hisops:stmt 186 64 ["table:uuid_mapping"]
CREATE INDEX [target_uuid] ON [uuid_mapping] ([target_uuid]);
GO

-- hisops:stmt 187 50 ["table:uuid_mapping"]
CREATE INDEX [uuid] ON [uuid_mapping] ([uuid]);
GO

-- table uuid_registry
-- hisops:stmt 188 774 ["table:uuid_registry"]
CREATE TABLE [uuid_registry] (
  [uuid] binary(16) NOT NULL CONSTRAINT [DF_uuid_registry_uuid] DEFAULT (0x00000000000000000000000000000000),
  [table_name] nvarchar(255) NOT NULL CONSTRAINT [DF_uuid_registry_table_name] DEFAULT (''),
  [table_id] nvarchar(255) NOT NULL CONSTRAINT [DF_uuid_registry_table_id] DEFAULT (''),
  [table_vertical] nvarchar(255) NOT NULL CONSTRAINT [DF_uuid_registry_table_vertical] DEFAULT (''),
  [couchdb] nvarchar(255) NOT NULL CONSTRAINT [DF_uuid_registry_couchdb] DEFAULT (''),
  [document_drive] smallint NOT NULL CONSTRAINT [DF_uuid_registry_document_drive] DEFAULT (0),
  [mapped] smallint NOT NULL CONSTRAINT [DF_uuid_registry_mapped] DEFAULT (0),
  [created] datetime2(0) NULL,
  CONSTRAINT [PK_uuid_registry] PRIMARY KEY ([uuid])
);
GO

-- table valueset_oid
-- hisops:stmt 189 569 ["table:valueset_oid"]
CREATE TABLE [valueset_oid] (
  [nqf_code] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_oid_nqf_code] DEFAULT (''),
  [code] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_oid_code] DEFAULT (''),
  [code_system] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_oid_code_system] DEFAULT (''),
  [code_type] nvarchar(255) NULL,
  [valueset] nvarchar(255) NOT NULL CONSTRAINT [DF_valueset_oid_valueset] DEFAULT (''),
  [description] nvarchar(255) NULL,
  [valueset_name] nvarchar(500) NULL,
  CONSTRAINT [PK_valueset_oid] PRIMARY KEY ([nqf_code], [code], [valueset])
);
GO

-- table verify_email
-- hisops:stmt 190 439 ["table:verify_email"]
CREATE TABLE [verify_email] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [pid_holder] bigint NULL,
  [email] nvarchar(255) NULL,
  [language] nvarchar(100) NULL,
  [fname] nvarchar(255) NULL,
  [mname] nvarchar(255) NULL,
  [lname] nvarchar(255) NULL,
  [dob] date NULL,
  [token_onetime] nvarchar(255) NULL,
  [active] smallint NOT NULL CONSTRAINT [DF_verify_email_active] DEFAULT (1),
  CONSTRAINT [PK_verify_email] PRIMARY KEY ([id])
);
GO

-- hisops:stmt 191 59 ["table:verify_email"]
CREATE UNIQUE INDEX [email] ON [verify_email] ([email]);
GO

-- table x12_remote_tracker
-- hisops:stmt 192 376 ["table:x12_remote_tracker"]
CREATE TABLE [x12_remote_tracker] (
  [id] bigint IDENTITY(1,1) NOT NULL,
  [x12_partner_id] int NOT NULL,
  [x12_filename] nvarchar(255) NOT NULL,
  [status] nvarchar(255) NOT NULL,
  [claims] nvarchar(max) NULL,
  [messages] nvarchar(max) NULL,
  [created_at] datetime2(0) NULL,
  [updated_at] datetime2(0) NULL,
  CONSTRAINT [PK_x12_remote_tracker] PRIMARY KEY ([id])
);
GO

-- column addresses.district
-- hisops:stmt 193 63 ["table:addresses"]
ALTER TABLE [addresses] ADD
  [district] nvarchar(255) NULL;
GO

-- column amendments.created_time (nullable)
-- hisops:stmt 194 74 ["table:amendments"]
ALTER TABLE [amendments] ALTER COLUMN [created_time] datetime2(0) NULL;
GO

-- column amendments_history.created_time (nullable)
-- hisops:stmt 195 82 ["table:amendments_history"]
ALTER TABLE [amendments_history] ALTER COLUMN [created_time] datetime2(0) NULL;
GO

-- column api_token.user_id (type, nullable); column api_token.client_id; column api_token.scope; column api_token.revoked; column api_token.context
-- hisops:stmt 196 62 ["table:api_token"]
ALTER TABLE [api_token] ALTER COLUMN [user_id] bigint NULL;
GO

-- hisops:stmt 197 202 ["table:api_token"]
ALTER TABLE [api_token] ADD
  [client_id] nvarchar(80) NULL,
  [scope] nvarchar(max) NULL,
  [revoked] smallint NOT NULL CONSTRAINT [DF_api_token_revoked] DEFAULT (0),
  [context] nvarchar(max) NULL;
GO

-- column ar_activity.deleted; column ar_activity.post_date; column ar_activity.payer_claim_number
-- hisops:stmt 198 130 ["table:ar_activity"]
ALTER TABLE [ar_activity] ADD
  [deleted] datetime2(0) NULL,
  [post_date] date NULL,
  [payer_claim_number] nvarchar(30) NULL;
GO

-- column audit_master.is_qrda_document; column audit_master.is_unstructured_document
-- hisops:stmt 199 237 ["table:audit_master"]
ALTER TABLE [audit_master] ADD
  [is_qrda_document] smallint NULL CONSTRAINT [DF_audit_master_is_qrda_document] DEFAULT (0),
  [is_unstructured_document] smallint NULL CONSTRAINT [DF_audit_master_is_unstructured_document] DEFAULT (0);
GO

-- column background_services.lock_expires_at
-- hisops:stmt 200 79 ["table:background_services"]
ALTER TABLE [background_services] ADD
  [lock_expires_at] datetime2(0) NULL;
GO

-- column batchcom.msg_date_sent (nullable)
-- hisops:stmt 201 73 ["table:batchcom"]
ALTER TABLE [batchcom] ALTER COLUMN [msg_date_sent] datetime2(0) NULL;
GO

-- column billing.chargecat
-- hisops:stmt 202 108 ["table:billing"]
ALTER TABLE [billing] ADD
  [chargecat] nvarchar(31) NULL CONSTRAINT [DF_billing_chargecat] DEFAULT ('');
GO

-- column categories.codes
-- hisops:stmt 203 111 ["table:categories"]
ALTER TABLE [categories] ADD
  [codes] nvarchar(255) NOT NULL CONSTRAINT [DF_categories_codes] DEFAULT ('');
GO

-- column ccda.uuid; column ccda.hash; column ccda.encrypted; column ccda.transaction_id
-- hisops:stmt 204 188 ["table:ccda"]
ALTER TABLE [ccda] ADD
  [uuid] binary(16) NULL,
  [hash] nvarchar(255) NULL,
  [encrypted] smallint NOT NULL CONSTRAINT [DF_ccda_encrypted] DEFAULT (0),
  [transaction_id] bigint NULL;
GO

-- column clinical_rules.amc_2015_flag; column clinical_rules.amc_code_2015; column clinical_rules.bibliographic_citation; column clinical_rules.linked_referential_cds; column clinical_rules.patient_dob_usage; column clinical_rules.patient_ethnicity_usage; column clinical_rules.patient_health_status…
-- hisops:stmt 205 830 ["table:clinical_rules"]
ALTER TABLE [clinical_rules] ADD
  [amc_2015_flag] smallint NULL,
  [amc_code_2015] nvarchar(30) NOT NULL CONSTRAINT [DF_clinical_rules_amc_code_2015] DEFAULT (''),
  [bibliographic_citation] nvarchar(255) NOT NULL CONSTRAINT [DF_clinical_rules_bibliographic_citation] DEFAULT (''),
  [linked_referential_cds] nvarchar(50) NOT NULL CONSTRAINT [DF_clinical_rules_linked_referential_cds] DEFAULT (''),
  [patient_dob_usage] nvarchar(max) NULL,
  [patient_ethnicity_usage] nvarchar(max) NULL,
  [patient_health_status_usage] nvarchar(max) NULL,
  [patient_gender_identity_usage] nvarchar(max) NULL,
  [patient_language_usage] nvarchar(max) NULL,
  [patient_race_usage] nvarchar(max) NULL,
  [patient_sex_usage] nvarchar(max) NULL,
  [patient_sexual_orientation_usage] nvarchar(max) NULL,
  [patient_sodh_usage] nvarchar(max) NULL;
GO

-- column clinical_rules_log.facility_id
-- hisops:stmt 206 124 ["table:clinical_rules_log"]
ALTER TABLE [clinical_rules_log] ADD
  [facility_id] int NULL CONSTRAINT [DF_clinical_rules_log_facility_id] DEFAULT (0);
GO

-- column codes.code_text (type, nullable, default); column codes.code_text_short (type, nullable, default)
-- hisops:stmt 207 70 ["table:codes"]
ALTER TABLE [codes] DROP CONSTRAINT IF EXISTS [DF_codes_code_text];
GO

-- hisops:stmt 208 67 ["table:codes"]
ALTER TABLE [codes] ALTER COLUMN [code_text] nvarchar(max) NULL;
GO

-- hisops:stmt 209 76 ["table:codes"]
ALTER TABLE [codes] DROP CONSTRAINT IF EXISTS [DF_codes_code_text_short];
GO

-- hisops:stmt 210 73 ["table:codes"]
ALTER TABLE [codes] ALTER COLUMN [code_text_short] nvarchar(max) NULL;
GO

-- column codes_history.code_text (type); column codes_history.code_text_short (type)
-- hisops:stmt 211 75 ["table:codes_history"]
ALTER TABLE [codes_history] ALTER COLUMN [code_text] nvarchar(max) NULL;
GO

-- hisops:stmt 212 81 ["table:codes_history"]
ALTER TABLE [codes_history] ALTER COLUMN [code_text_short] nvarchar(max) NULL;
GO

-- column documents.uuid; column documents.date_expires; column documents.hash (type); column documents.name; column documents.drive_uuid; column documents.document_data; column documents.deleted; column documents.foreign_reference_id; column documents.foreign_reference_table
-- hisops:stmt 213 92 ["table:documents"]
ALTER TABLE [documents] ADD
  [uuid] binary(16) NULL,
  [date_expires] datetime2(0) NULL;
GO

-- hisops:stmt 214 66 ["table:documents"]
ALTER TABLE [documents] ALTER COLUMN [hash] nvarchar(255) NULL;
GO

-- hisops:stmt 215 291 ["table:documents"]
ALTER TABLE [documents] ADD
  [name] nvarchar(255) NULL,
  [drive_uuid] binary(16) NULL,
  [document_data] nvarchar(max) NULL,
  [deleted] smallint NOT NULL CONSTRAINT [DF_documents_deleted] DEFAULT (0),
  [foreign_reference_id] bigint NULL,
  [foreign_reference_table] nvarchar(40) NULL;
GO

-- column drug_inventory.last_notify (nullable)
-- hisops:stmt 216 69 ["table:drug_inventory"]
ALTER TABLE [drug_inventory] ALTER COLUMN [last_notify] date NULL;
GO

-- column drug_sales.uuid; column drug_sales.trans_type; column drug_sales.chargecat; column drug_sales.pharmacy_supply_type; column drug_sales.last_updated; column drug_sales.date_created; column drug_sales.updated_by; column drug_sales.created_by
-- hisops:stmt 217 532 ["table:drug_sales"]
ALTER TABLE [drug_sales] ADD
  [uuid] binary(16) NULL,
  [trans_type] smallint NOT NULL CONSTRAINT [DF_drug_sales_trans_type] DEFAULT (1),
  [chargecat] nvarchar(31) NULL CONSTRAINT [DF_drug_sales_chargecat] DEFAULT (''),
  [pharmacy_supply_type] nvarchar(50) NULL,
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_drug_sales_last_updated] DEFAULT (sysdatetime()),
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_drug_sales_date_created] DEFAULT (sysdatetime()),
  [updated_by] bigint NULL,
  [created_by] bigint NULL;
GO

-- column drug_templates.pkgqty
-- hisops:stmt 218 111 ["table:drug_templates"]
ALTER TABLE [drug_templates] ADD
  [pkgqty] real NOT NULL CONSTRAINT [DF_drug_templates_pkgqty] DEFAULT (1);
GO

-- column drugs.uuid; column drugs.last_notify (nullable); column drugs.date_created; column drugs.last_updated
-- hisops:stmt 219 52 ["table:drugs"]
ALTER TABLE [drugs] ADD
  [uuid] binary(16) NULL;
GO

-- hisops:stmt 220 60 ["table:drugs"]
ALTER TABLE [drugs] ALTER COLUMN [last_notify] date NULL;
GO

-- hisops:stmt 221 224 ["table:drugs"]
ALTER TABLE [drugs] ADD
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_drugs_date_created] DEFAULT (sysdatetime()),
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_drugs_last_updated] DEFAULT (sysdatetime());
GO

-- column employer_data.uuid; column employer_data.street_line_2; column employer_data.start_date; column employer_data.end_date; column employer_data.occupation; column employer_data.industry; column employer_data.created_by
-- hisops:stmt 222 257 ["table:employer_data"]
ALTER TABLE [employer_data] ADD
  [uuid] binary(16) NULL,
  [street_line_2] nvarchar(max) NULL,
  [start_date] datetime2(0) NULL,
  [end_date] datetime2(0) NULL,
  [occupation] nvarchar(max) NULL,
  [industry] nvarchar(max) NULL,
  [created_by] int NULL;
GO

-- column facility.uuid; column facility.billing_location (default); column facility.accepts_assignment (default); column facility.primary_business_entity (default); column facility.iban; column facility.info; column facility.weno_id; column facility.inactive; column facility.date_created; column fa…
-- hisops:stmt 223 55 ["table:facility"]
ALTER TABLE [facility] ADD
  [uuid] binary(16) NULL;
GO

-- hisops:stmt 224 83 ["table:facility"]
ALTER TABLE [facility] DROP CONSTRAINT IF EXISTS [DF_facility_billing_location];
GO

-- hisops:stmt 225 107 ["table:facility"]
ALTER TABLE [facility] ADD CONSTRAINT [DF_facility_billing_location] DEFAULT (1) FOR [billing_location];
GO

-- hisops:stmt 226 85 ["table:facility"]
ALTER TABLE [facility] DROP CONSTRAINT IF EXISTS [DF_facility_accepts_assignment];
GO

-- hisops:stmt 227 111 ["table:facility"]
ALTER TABLE [facility] ADD CONSTRAINT [DF_facility_accepts_assignment] DEFAULT (1) FOR [accepts_assignment];
GO

-- hisops:stmt 228 90 ["table:facility"]
ALTER TABLE [facility] DROP CONSTRAINT IF EXISTS [DF_facility_primary_business_entity];
GO

-- hisops:stmt 229 121 ["table:facility"]
ALTER TABLE [facility] ADD CONSTRAINT [DF_facility_primary_business_entity] DEFAULT (1) FOR [primary_business_entity];
GO

-- hisops:stmt 230 504 ["table:facility"]
ALTER TABLE [facility] ADD
  [iban] nvarchar(50) NULL,
  [info] nvarchar(max) NULL,
  [weno_id] nvarchar(10) NULL,
  [inactive] smallint NOT NULL CONSTRAINT [DF_facility_inactive] DEFAULT (0),
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_facility_date_created] DEFAULT (sysdatetime()),
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_facility_last_updated] DEFAULT (sysdatetime()),
  [organization_type] nvarchar(50) NOT NULL CONSTRAINT [DF_facility_organization_type] DEFAULT ('prov');
GO

-- column facility_user_ids.uuid; column facility_user_ids.date_created; column facility_user_ids.last_updated
-- hisops:stmt 231 286 ["table:facility_user_ids"]
ALTER TABLE [facility_user_ids] ADD
  [uuid] binary(16) NULL,
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_facility_user_ids_date_created] DEFAULT (sysdatetime()),
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_facility_user_ids_last_updated] DEFAULT (sysdatetime());
GO

-- column form_care_plan.note_related_to; column form_care_plan.date_end; column form_care_plan.reason_code; column form_care_plan.reason_description; column form_care_plan.reason_date_low; column form_care_plan.reason_date_high; column form_care_plan.reason_status; column form_care_plan.plan_status…
-- hisops:stmt 232 373 ["table:form_care_plan"]
ALTER TABLE [form_care_plan] ADD
  [note_related_to] nvarchar(max) NULL,
  [date_end] datetime2(0) NULL,
  [reason_code] nvarchar(31) NULL,
  [reason_description] nvarchar(max) NULL,
  [reason_date_low] datetime2(0) NULL,
  [reason_date_high] datetime2(0) NULL,
  [reason_status] nvarchar(31) NULL,
  [plan_status] nvarchar(32) NULL,
  [proposed_date] datetime2(0) NULL;
GO

-- column form_encounter.uuid; column form_encounter.parent_encounter_id; column form_encounter.class_code; column form_encounter.shift; column form_encounter.voucher_number; column form_encounter.discharge_disposition; column form_encounter.encounter_type_code; column form_encounter.encounter_type_…
-- hisops:stmt 233 890 ["table:form_encounter"]
ALTER TABLE [form_encounter] ADD
  [uuid] binary(16) NULL,
  [parent_encounter_id] bigint NULL,
  [class_code] nvarchar(10) NOT NULL CONSTRAINT [DF_form_encounter_class_code] DEFAULT ('AMB'),
  [shift] nvarchar(31) NOT NULL CONSTRAINT [DF_form_encounter_shift] DEFAULT (''),
  [voucher_number] nvarchar(255) NOT NULL CONSTRAINT [DF_form_encounter_voucher_number] DEFAULT (''),
  [discharge_disposition] nvarchar(100) NULL,
  [encounter_type_code] nvarchar(31) NULL,
  [encounter_type_description] nvarchar(max) NULL,
  [referring_provider_id] int NULL CONSTRAINT [DF_form_encounter_referring_provider_id] DEFAULT (0),
  [date_end] datetime2(0) NULL,
  [in_collection] smallint NULL,
  [last_update] datetime2(0) NOT NULL CONSTRAINT [DF_form_encounter_last_update] DEFAULT (sysdatetime()),
  [ordering_provider_id] int NULL CONSTRAINT [DF_form_encounter_ordering_provider_id] DEFAULT (0);
GO

-- column form_eye_antseg.OSCONJ (type)
-- hisops:stmt 234 74 ["table:form_eye_antseg"]
ALTER TABLE [form_eye_antseg] ALTER COLUMN [OSCONJ] nvarchar(max) NULL;
GO

-- column form_misc_billing_options.encounter
-- hisops:stmt 235 73 ["table:form_misc_billing_options"]
ALTER TABLE [form_misc_billing_options] ADD
  [encounter] bigint NULL;
GO

-- column form_observation.uuid; column form_observation.ob_code; column form_observation.ob_type; column form_observation.ob_status; column form_observation.result_status; column form_observation.ob_reason_status; column form_observation.ob_reason_code; column form_observation.ob_reason_text; colum…
-- hisops:stmt 236 602 ["table:form_observation"]
ALTER TABLE [form_observation] ADD
  [uuid] binary(16) NULL,
  [ob_code] nvarchar(64) NULL,
  [ob_type] nvarchar(64) NULL,
  [ob_status] nvarchar(32) NULL,
  [result_status] nvarchar(32) NULL,
  [ob_reason_status] nvarchar(32) NULL,
  [ob_reason_code] nvarchar(64) NULL,
  [ob_reason_text] nvarchar(max) NULL,
  [ob_documentationof_table] nvarchar(255) NULL,
  [ob_documentationof_table_id] bigint NULL,
  [date_end] datetime2(0) NULL,
  [parent_observation_id] bigint NULL,
  [category] nvarchar(64) NULL,
  [questionnaire_response_id] bigint NULL,
  [ob_value_code_description] nvarchar(255) NULL;
GO

-- column form_vitals.uuid; column form_vitals.oxygen_flow_rate; column form_vitals.ped_weight_height; column form_vitals.ped_bmi; column form_vitals.ped_head_circ; column form_vitals.inhaled_oxygen_concentration; column form_vitals.last_updated
-- hisops:stmt 237 651 ["table:form_vitals"]
ALTER TABLE [form_vitals] ADD
  [uuid] binary(16) NULL,
  [oxygen_flow_rate] decimal(12,6) NULL CONSTRAINT [DF_form_vitals_oxygen_flow_rate] DEFAULT (0),
  [ped_weight_height] decimal(6,2) NULL CONSTRAINT [DF_form_vitals_ped_weight_height] DEFAULT (0),
  [ped_bmi] decimal(6,2) NULL CONSTRAINT [DF_form_vitals_ped_bmi] DEFAULT (0),
  [ped_head_circ] decimal(6,2) NULL CONSTRAINT [DF_form_vitals_ped_head_circ] DEFAULT (0),
  [inhaled_oxygen_concentration] decimal(6,2) NULL CONSTRAINT [DF_form_vitals_inhaled_oxygen_concentration] DEFAULT (0),
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_form_vitals_last_updated] DEFAULT (sysdatetime());
GO

-- column history_data.uuid; column history_data.created_by
-- hisops:stmt 238 87 ["table:history_data"]
ALTER TABLE [history_data] ADD
  [uuid] binary(16) NULL,
  [created_by] bigint NULL;
GO

-- column icd10_dx_order_code.long_desc (type)
-- hisops:stmt 239 81 ["table:icd10_dx_order_code"]
ALTER TABLE [icd10_dx_order_code] ALTER COLUMN [long_desc] nvarchar(max) NULL;
GO

-- column icd10_pcs_order_code.long_desc (type)
-- hisops:stmt 240 82 ["table:icd10_pcs_order_code"]
ALTER TABLE [icd10_pcs_order_code] ALTER COLUMN [long_desc] nvarchar(max) NULL;
GO

-- column immunizations.uuid; column immunizations.cvx_code (type); column immunizations.reason_code; column immunizations.reason_description; column immunizations.encounter_id
-- hisops:stmt 241 60 ["table:immunizations"]
ALTER TABLE [immunizations] ADD
  [uuid] binary(16) NULL;
GO

-- hisops:stmt 242 73 ["table:immunizations"]
ALTER TABLE [immunizations] ALTER COLUMN [cvx_code] nvarchar(64) NULL;
GO

-- hisops:stmt 243 142 ["table:immunizations"]
ALTER TABLE [immunizations] ADD
  [reason_code] nvarchar(31) NULL,
  [reason_description] nvarchar(max) NULL,
  [encounter_id] bigint NULL;
GO

-- column insurance_companies.uuid; column insurance_companies.ins_type_code (type); column insurance_companies.alt_cms_id (nullable, default); column insurance_companies.cqm_sop; column insurance_companies.date_created; column insurance_companies.last_updated
-- hisops:stmt 244 66 ["table:insurance_companies"]
ALTER TABLE [insurance_companies] ADD
  [uuid] binary(16) NULL;
GO

-- hisops:stmt 245 75 ["table:insurance_companies"]
ALTER TABLE [insurance_companies] ALTER COLUMN [ins_type_code] int NULL;
GO

-- hisops:stmt 246 99 ["table:insurance_companies"]
ALTER TABLE [insurance_companies] DROP CONSTRAINT IF EXISTS [DF_insurance_companies_alt_cms_id];
GO

-- hisops:stmt 247 81 ["table:insurance_companies"]
ALTER TABLE [insurance_companies] ALTER COLUMN [alt_cms_id] nvarchar(15) NULL;
GO

-- hisops:stmt 248 288 ["table:insurance_companies"]
ALTER TABLE [insurance_companies] ADD
  [cqm_sop] int NULL,
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_insurance_companies_date_created] DEFAULT (sysdatetime()),
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_insurance_companies_last_updated] DEFAULT (sysdatetime());
GO

-- column insurance_data.uuid; column insurance_data.date (nullable); column insurance_data.subscriber_street_line_2; column insurance_data.subscriber_employer_street_line_2; column insurance_data.date_end
-- hisops:stmt 249 61 ["table:insurance_data"]
ALTER TABLE [insurance_data] ADD
  [uuid] binary(16) NULL;
GO

-- hisops:stmt 250 62 ["table:insurance_data"]
ALTER TABLE [insurance_data] ALTER COLUMN [date] date NULL;
GO

-- hisops:stmt 251 166 ["table:insurance_data"]
ALTER TABLE [insurance_data] ADD
  [subscriber_street_line_2] nvarchar(max) NULL,
  [subscriber_employer_street_line_2] nvarchar(max) NULL,
  [date_end] date NULL;
GO

-- column issue_encounter.uuid; column issue_encounter.created_by; column issue_encounter.updated_by; column issue_encounter.created_at; column issue_encounter.updated_at
-- hisops:stmt 252 320 ["table:issue_encounter"]
ALTER TABLE [issue_encounter] ADD
  [uuid] binary(16) NULL,
  [created_by] bigint NULL,
  [updated_by] bigint NULL,
  [created_at] datetime2(0) NULL CONSTRAINT [DF_issue_encounter_created_at] DEFAULT (sysdatetime()),
  [updated_at] datetime2(0) NULL CONSTRAINT [DF_issue_encounter_updated_at] DEFAULT (sysdatetime());
GO

-- column layout_group_properties.grp_save_close; column layout_group_properties.grp_init_open; column layout_group_properties.grp_referrals; column layout_group_properties.grp_unchecked; column layout_group_properties.grp_last_update
-- hisops:stmt 253 497 ["table:layout_group_properties"]
ALTER TABLE [layout_group_properties] ADD
  [grp_save_close] smallint NOT NULL CONSTRAINT [DF_layout_group_properties_grp_save_close] DEFAULT (0),
  [grp_init_open] smallint NOT NULL CONSTRAINT [DF_layout_group_properties_grp_init_open] DEFAULT (0),
  [grp_referrals] smallint NOT NULL CONSTRAINT [DF_layout_group_properties_grp_referrals] DEFAULT (0),
  [grp_unchecked] smallint NOT NULL CONSTRAINT [DF_layout_group_properties_grp_unchecked] DEFAULT (0),
  [grp_last_update] datetime2(0) NULL;
GO

-- column layout_options.title (type, nullable, default); column layout_options.codes
-- hisops:stmt 254 84 ["table:layout_options"]
ALTER TABLE [layout_options] DROP CONSTRAINT IF EXISTS [DF_layout_options_title];
GO

-- hisops:stmt 255 72 ["table:layout_options"]
ALTER TABLE [layout_options] ALTER COLUMN [title] nvarchar(max) NULL;
GO

-- hisops:stmt 256 119 ["table:layout_options"]
ALTER TABLE [layout_options] ADD
  [codes] nvarchar(255) NOT NULL CONSTRAINT [DF_layout_options_codes] DEFAULT ('');
GO

-- column list_options.last_updated
-- hisops:stmt 257 139 ["table:list_options"]
ALTER TABLE [list_options] ADD
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_list_options_last_updated] DEFAULT (sysdatetime());
GO

-- column lists.uuid; column lists.udi; column lists.udi_data; column lists.verification
-- hisops:stmt 258 201 ["table:lists"]
ALTER TABLE [lists] ADD
  [uuid] binary(16) NULL,
  [udi] nvarchar(255) NULL,
  [udi_data] nvarchar(max) NULL,
  [verification] nvarchar(36) NOT NULL CONSTRAINT [DF_lists_verification] DEFAULT ('');
GO

-- column log_comment_encrypt.checksum_api
-- hisops:stmt 259 77 ["table:log_comment_encrypt"]
ALTER TABLE [log_comment_encrypt] ADD
  [checksum_api] nvarchar(max) NULL;
GO

-- column medex_recalls.r_created (default)
-- hisops:stmt 260 86 ["table:medex_recalls"]
ALTER TABLE [medex_recalls] DROP CONSTRAINT IF EXISTS [DF_medex_recalls_r_created];
GO

-- hisops:stmt 261 115 ["table:medex_recalls"]
ALTER TABLE [medex_recalls] ADD CONSTRAINT [DF_medex_recalls_r_created] DEFAULT (sysdatetime()) FOR [r_created];
GO

-- column module_configuration.created_by; column module_configuration.date_added; column module_configuration.updated_by; column module_configuration.date_modified; column module_configuration.date_created
-- hisops:stmt 262 279 ["table:module_configuration"]
ALTER TABLE [module_configuration] ADD
  [created_by] bigint NULL,
  [date_added] datetime2(0) NULL,
  [updated_by] bigint NULL,
  [date_modified] datetime2(0) NULL CONSTRAINT [DF_module_configuration_date_modified] DEFAULT (sysdatetime()),
  [date_created] datetime2(0) NULL;
GO

-- column modules.mod_ui_name (type, default)
-- hisops:stmt 263 76 ["table:modules"]
ALTER TABLE [modules] DROP CONSTRAINT IF EXISTS [DF_modules_mod_ui_name];
GO

-- hisops:stmt 264 74 ["table:modules"]
ALTER TABLE [modules] ALTER COLUMN [mod_ui_name] nvarchar(64) NOT NULL;
GO

-- hisops:stmt 265 96 ["table:modules"]
ALTER TABLE [modules] ADD CONSTRAINT [DF_modules_mod_ui_name] DEFAULT ('') FOR [mod_ui_name];
GO

-- column onsite_documents.patient_signed_time (nullable); column onsite_documents.review_date (nullable); column onsite_documents.template_data
-- hisops:stmt 266 87 ["table:onsite_documents"]
ALTER TABLE [onsite_documents] ALTER COLUMN [patient_signed_time] datetime2(0) NULL;
GO

-- hisops:stmt 267 79 ["table:onsite_documents"]
ALTER TABLE [onsite_documents] ALTER COLUMN [review_date] datetime2(0) NULL;
GO

-- hisops:stmt 268 75 ["table:onsite_documents"]
ALTER TABLE [onsite_documents] ADD
  [template_data] nvarchar(max) NULL;
GO

-- column onsite_signatures.sig_hash (type)
-- hisops:stmt 269 82 ["table:onsite_signatures"]
ALTER TABLE [onsite_signatures] ALTER COLUMN [sig_hash] nvarchar(255) NOT NULL;
GO

-- column openemr_postcalendar_categories.pc_last_updated
-- hisops:stmt 270 183 ["table:openemr_postcalendar_categories"]
ALTER TABLE [openemr_postcalendar_categories] ADD
  [pc_last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_openemr_postcalendar_categories_pc_last_updated] DEFAULT (sysdatetime());
GO

-- column openemr_postcalendar_events.pc_endDate (nullable); column openemr_postcalendar_events.uuid
-- hisops:stmt 271 81 ["table:openemr_postcalendar_events"]
ALTER TABLE [openemr_postcalendar_events] ALTER COLUMN [pc_endDate] date NULL;
GO

-- hisops:stmt 272 74 ["table:openemr_postcalendar_events"]
ALTER TABLE [openemr_postcalendar_events] ADD
  [uuid] binary(16) NULL;
GO

-- column patient_access_onsite.portal_pwd (type); column patient_access_onsite.portal_login_username; column patient_access_onsite.portal_onetime; column patient_access_onsite.date_created
-- hisops:stmt 273 84 ["table:patient_access_onsite"]
ALTER TABLE [patient_access_onsite] ALTER COLUMN [portal_pwd] nvarchar(255) NULL;
GO

-- hisops:stmt 274 242 ["table:patient_access_onsite"]
ALTER TABLE [patient_access_onsite] ADD
  [portal_login_username] nvarchar(100) NULL,
  [portal_onetime] nvarchar(255) NULL,
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_patient_access_onsite_date_created] DEFAULT (sysdatetime());
GO

-- column patient_data.uuid; column patient_data.interpreter; column patient_data.interpreter_needed; column patient_data.advance_directive_user_authenticator; column patient_data.care_team_provider; column patient_data.care_team_facility; column patient_data.care_team_status; column patient_data.se…
-- hisops:stmt 275 1239 ["table:patient_data"]
ALTER TABLE [patient_data] ADD
  [uuid] binary(16) NULL,
  [interpreter] nvarchar(255) NOT NULL CONSTRAINT [DF_patient_data_interpreter] DEFAULT (''),
  [interpreter_needed] nvarchar(max) NULL,
  [advance_directive_user_authenticator] bigint NULL,
  [care_team_provider] nvarchar(max) NULL,
  [care_team_facility] nvarchar(max) NULL,
  [care_team_status] nvarchar(max) NULL,
  [sexual_orientation] nvarchar(max) NULL,
  [gender_identity] nvarchar(max) NULL,
  [birth_fname] nvarchar(max) NULL,
  [birth_lname] nvarchar(max) NULL,
  [birth_mname] nvarchar(max) NULL,
  [dupscore] int NOT NULL CONSTRAINT [DF_patient_data_dupscore] DEFAULT (-9),
  [name_history] nvarchar(max) NULL,
  [suffix] nvarchar(max) NULL,
  [street_line_2] nvarchar(max) NULL,
  [patient_groups] nvarchar(max) NULL,
  [prevent_portal_apps] nvarchar(max) NULL,
  [provider_since_date] nvarchar(max) NULL,
  [created_by] bigint NULL,
  [updated_by] bigint NULL,
  [preferred_name] nvarchar(max) NULL,
  [nationality_country] nvarchar(max) NULL,
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_patient_data_last_updated] DEFAULT (sysdatetime()),
  [tribal_affiliations] nvarchar(max) NULL,
  [sex_identified] nvarchar(max) NULL,
  [pronoun] nvarchar(max) NULL;
GO

-- column prescriptions.uuid; column prescriptions.usage_category; column prescriptions.request_intent; column prescriptions.drug_dosage_instructions; column prescriptions.diagnosis; column prescriptions.created_by; column prescriptions.updated_by
-- hisops:stmt 276 277 ["table:prescriptions"]
ALTER TABLE [prescriptions] ADD
  [uuid] binary(16) NULL,
  [usage_category] nvarchar(100) NULL,
  [request_intent] nvarchar(100) NULL,
  [drug_dosage_instructions] nvarchar(max) NULL,
  [diagnosis] nvarchar(max) NULL,
  [created_by] bigint NULL,
  [updated_by] bigint NULL;
GO

-- column procedure_answers.procedure_code
-- hisops:stmt 277 76 ["table:procedure_answers"]
ALTER TABLE [procedure_answers] ADD
  [procedure_code] nvarchar(31) NULL;
GO

-- column procedure_order.uuid; column procedure_order.billing_type; column procedure_order.specimen_fasting; column procedure_order.order_psc; column procedure_order.order_abn; column procedure_order.collector_id; column procedure_order.account; column procedure_order.account_facility; column proce…
-- hisops:stmt 278 872 ["table:procedure_order"]
ALTER TABLE [procedure_order] ADD
  [uuid] binary(16) NULL,
  [billing_type] nvarchar(4) NULL,
  [specimen_fasting] nvarchar(31) NULL,
  [order_psc] smallint NULL,
  [order_abn] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_order_order_abn] DEFAULT ('not_required'),
  [collector_id] bigint NOT NULL CONSTRAINT [DF_procedure_order_collector_id] DEFAULT (0),
  [account] nvarchar(60) NULL,
  [account_facility] int NULL,
  [provider_number] nvarchar(30) NULL,
  [procedure_order_type] nvarchar(32) NOT NULL CONSTRAINT [DF_procedure_order_procedure_order_type] DEFAULT ('laboratory_test'),
  [scheduled_date] datetime2(0) NULL,
  [scheduled_start] datetime2(0) NULL,
  [scheduled_end] datetime2(0) NULL,
  [performer_type] nvarchar(50) NULL,
  [order_intent] nvarchar(31) NOT NULL CONSTRAINT [DF_procedure_order_order_intent] DEFAULT ('order'),
  [location_id] int NULL;
GO

-- column procedure_order_code.procedure_code (type); column procedure_order_code.procedure_type; column procedure_order_code.transport; column procedure_order_code.date_end; column procedure_order_code.reason_code; column procedure_order_code.reason_description; column procedure_order_code.reason_d…
-- hisops:stmt 279 105 ["table:procedure_order_code"]
ALTER TABLE [procedure_order_code] DROP CONSTRAINT IF EXISTS [DF_procedure_order_code_procedure_code];
GO

-- hisops:stmt 280 90 ["table:procedure_order_code"]
ALTER TABLE [procedure_order_code] ALTER COLUMN [procedure_code] nvarchar(64) NOT NULL;
GO

-- hisops:stmt 281 128 ["table:procedure_order_code"]
ALTER TABLE [procedure_order_code] ADD CONSTRAINT [DF_procedure_order_code_procedure_code] DEFAULT ('') FOR [procedure_code];
GO

-- hisops:stmt 282 338 ["table:procedure_order_code"]
ALTER TABLE [procedure_order_code] ADD
  [procedure_type] nvarchar(31) NULL,
  [transport] nvarchar(31) NULL,
  [date_end] datetime2(0) NULL,
  [reason_code] nvarchar(31) NULL,
  [reason_description] nvarchar(max) NULL,
  [reason_date_low] datetime2(0) NULL,
  [reason_date_high] datetime2(0) NULL,
  [reason_status] nvarchar(31) NULL;
GO

-- column procedure_providers.uuid; column procedure_providers.active; column procedure_providers.type; column procedure_providers.date_created; column procedure_providers.last_updated
-- hisops:stmt 283 405 ["table:procedure_providers"]
ALTER TABLE [procedure_providers] ADD
  [uuid] binary(16) NULL,
  [active] smallint NOT NULL CONSTRAINT [DF_procedure_providers_active] DEFAULT (1),
  [type] nvarchar(31) NULL,
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_procedure_providers_date_created] DEFAULT (sysdatetime()),
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_procedure_providers_last_updated] DEFAULT (sysdatetime());
GO

-- column procedure_report.uuid
-- hisops:stmt 284 63 ["table:procedure_report"]
ALTER TABLE [procedure_report] ADD
  [uuid] binary(16) NULL;
GO

-- column procedure_result.uuid; column procedure_result.date_end
-- hisops:stmt 285 95 ["table:procedure_result"]
ALTER TABLE [procedure_result] ADD
  [uuid] binary(16) NULL,
  [date_end] datetime2(0) NULL;
GO

-- column procedure_type.procedure_code (type); column procedure_type.transport; column procedure_type.procedure_type_name
-- hisops:stmt 286 93 ["table:procedure_type"]
ALTER TABLE [procedure_type] DROP CONSTRAINT IF EXISTS [DF_procedure_type_procedure_code];
GO

-- hisops:stmt 287 84 ["table:procedure_type"]
ALTER TABLE [procedure_type] ALTER COLUMN [procedure_code] nvarchar(64) NOT NULL;
GO

-- hisops:stmt 288 116 ["table:procedure_type"]
ALTER TABLE [procedure_type] ADD CONSTRAINT [DF_procedure_type_procedure_code] DEFAULT ('') FOR [procedure_code];
GO

-- hisops:stmt 289 111 ["table:procedure_type"]
ALTER TABLE [procedure_type] ADD
  [transport] nvarchar(31) NULL,
  [procedure_type_name] nvarchar(64) NULL;
GO

-- column product_registration.auth_by_id; column product_registration.telemetry_disabled; column product_registration.last_ask_date; column product_registration.last_ask_version; column product_registration.options
-- hisops:stmt 290 214 ["table:product_registration"]
ALTER TABLE [product_registration] ADD
  [auth_by_id] int NULL,
  [telemetry_disabled] smallint NULL,
  [last_ask_date] datetime2(0) NULL,
  [last_ask_version] nvarchar(max) NULL,
  [options] nvarchar(max) NULL;
GO

-- column registry.form_foreign_id
-- hisops:stmt 291 62 ["table:registry"]
ALTER TABLE [registry] ADD
  [form_foreign_id] bigint NULL;
GO

-- column report_itemized.rule_id; column report_itemized.item_details
-- hisops:stmt 292 104 ["table:report_itemized"]
ALTER TABLE [report_itemized] ADD
  [rule_id] nvarchar(31) NULL,
  [item_details] nvarchar(max) NULL;
GO

-- column users.uuid; column users.google_signin_email; column users.country_code; column users.country_code2; column users.portal_user; column users.supervisor_id; column users.billing_facility; column users.billing_facility_id; column users.date_created; column users.last_updated
-- hisops:stmt 293 663 ["table:users"]
ALTER TABLE [users] ADD
  [uuid] binary(16) NULL,
  [google_signin_email] nvarchar(255) NULL,
  [country_code] nvarchar(255) NULL,
  [country_code2] nvarchar(255) NULL,
  [portal_user] smallint NOT NULL CONSTRAINT [DF_users_portal_user] DEFAULT (0),
  [supervisor_id] int NOT NULL CONSTRAINT [DF_users_supervisor_id] DEFAULT (0),
  [billing_facility] nvarchar(max) NULL,
  [billing_facility_id] int NOT NULL CONSTRAINT [DF_users_billing_facility_id] DEFAULT (0),
  [date_created] datetime2(0) NOT NULL CONSTRAINT [DF_users_date_created] DEFAULT (sysdatetime()),
  [last_updated] datetime2(0) NOT NULL CONSTRAINT [DF_users_last_updated] DEFAULT (sysdatetime());
GO

-- column users_facility.warehouse_id
-- hisops:stmt 294 132 ["table:users_facility"]
ALTER TABLE [users_facility] ADD
  [warehouse_id] nvarchar(31) NOT NULL CONSTRAINT [DF_users_facility_warehouse_id] DEFAULT ('');
GO

-- column users_secure.last_update_password; column users_secure.password_history3; column users_secure.password_history4; column users_secure.total_login_fail_counter; column users_secure.last_login_fail; column users_secure.auto_block_emailed
-- hisops:stmt 295 406 ["table:users_secure"]
ALTER TABLE [users_secure] ADD
  [last_update_password] datetime2(0) NULL,
  [password_history3] nvarchar(255) NULL,
  [password_history4] nvarchar(255) NULL,
  [total_login_fail_counter] bigint NULL CONSTRAINT [DF_users_secure_total_login_fail_counter] DEFAULT (0),
  [last_login_fail] datetime2(0) NULL,
  [auto_block_emailed] smallint NULL CONSTRAINT [DF_users_secure_auto_block_emailed] DEFAULT (0);
GO

-- column voids.reason; column voids.notes
-- hisops:stmt 296 169 ["table:voids"]
ALTER TABLE [voids] ADD
  [reason] nvarchar(31) NULL CONSTRAINT [DF_voids_reason] DEFAULT (''),
  [notes] nvarchar(255) NULL CONSTRAINT [DF_voids_notes] DEFAULT ('');
GO

-- column x12_partners.x12_gs03; column x12_partners.x12_submitter_id; column x12_partners.x12_submitter_name; column x12_partners.x12_sftp_login; column x12_partners.x12_sftp_pass; column x12_partners.x12_sftp_host; column x12_partners.x12_sftp_port; column x12_partners.x12_sftp_local_dir; column x…
-- hisops:stmt 297 654 ["table:x12_partners"]
ALTER TABLE [x12_partners] ADD
  [x12_gs03] nvarchar(15) NULL,
  [x12_submitter_id] smallint NULL,
  [x12_submitter_name] nvarchar(255) NULL,
  [x12_sftp_login] nvarchar(255) NULL,
  [x12_sftp_pass] nvarchar(255) NULL,
  [x12_sftp_host] nvarchar(255) NULL,
  [x12_sftp_port] nvarchar(255) NULL,
  [x12_sftp_local_dir] nvarchar(255) NULL,
  [x12_sftp_remote_dir] nvarchar(255) NULL,
  [x12_token_endpoint] nvarchar(max) NULL,
  [x12_eligibility_endpoint] nvarchar(max) NULL,
  [x12_claim_status_endpoint] nvarchar(max) NULL,
  [x12_attachment_endpoint] nvarchar(max) NULL,
  [x12_client_id] nvarchar(max) NULL,
  [x12_client_secret] nvarchar(max) NULL;
GO

-- index audit_details.audit_master_id
-- hisops:stmt 298 73 ["table:audit_details"]
CREATE INDEX [audit_master_id] ON [audit_details] ([audit_master_id]);
GO

-- index documents.foreign_reference
-- hisops:stmt 299 103 ["table:documents"]
CREATE INDEX [foreign_reference] ON [documents] ([foreign_reference_id], [foreign_reference_table]);
GO

-- index external_procedures.ep_pid
-- hisops:stmt 300 61 ["table:external_procedures"]
CREATE INDEX [ep_pid] ON [external_procedures] ([ep_pid]);
GO

-- index facility_user_ids.uuid
-- hisops:stmt 301 55 ["table:facility_user_ids"]
CREATE INDEX [uuid] ON [facility_user_ids] ([uuid]);
GO

-- index form_care_plan.idx_status_date
-- hisops:stmt 302 90 ["table:form_care_plan"]
CREATE INDEX [idx_status_date] ON [form_care_plan] ([plan_status], [date], [date_end]);
GO

-- index form_observation.idx_category; index form_observation.idx_date; index form_observation.idx_parent_observation; index form_observation.idx_pid_encounter; index form_observation.idx_questionnaire_response
-- hisops:stmt 303 66 ["table:form_observation"]
CREATE INDEX [idx_category] ON [form_observation] ([category]);
GO

-- hisops:stmt 304 58 ["table:form_observation"]
CREATE INDEX [idx_date] ON [form_observation] ([date]);
GO

-- hisops:stmt 305 89 ["table:form_observation"]
CREATE INDEX [idx_parent_observation] ON [form_observation] ([parent_observation_id]);
GO

-- hisops:stmt 306 79 ["table:form_observation"]
CREATE INDEX [idx_pid_encounter] ON [form_observation] ([pid], [encounter]);
GO

-- hisops:stmt 307 97 ["table:form_observation"]
CREATE INDEX [idx_questionnaire_response] ON [form_observation] ([questionnaire_response_id]);
GO

-- index lang_definitions.lang_cons
-- hisops:stmt 308 73 ["table:lang_definitions"]
CREATE INDEX [lang_cons] ON [lang_definitions] ([lang_id], [cons_id]);
GO

-- index log.patient_id
-- hisops:stmt 309 53 ["table:log"]
CREATE INDEX [patient_id] ON [log] ([patient_id]);
GO

-- index patient_data.idx_patient_dob; index patient_data.idx_patient_name
-- hisops:stmt 310 60 ["table:patient_data"]
CREATE INDEX [idx_patient_dob] ON [patient_data] ([DOB]);
GO

-- hisops:stmt 311 72 ["table:patient_data"]
CREATE INDEX [idx_patient_name] ON [patient_data] ([lname], [fname]);
GO

-- index procedure_order.idx_location_id; index procedure_order.idx_order_intent; index procedure_order.idx_scheduled_date; index procedure_order.idx_specimen_type
-- hisops:stmt 312 71 ["table:procedure_order"]
CREATE INDEX [idx_location_id] ON [procedure_order] ([location_id]);
GO

-- hisops:stmt 313 73 ["table:procedure_order"]
CREATE INDEX [idx_order_intent] ON [procedure_order] ([order_intent]);
GO

-- hisops:stmt 314 77 ["table:procedure_order"]
CREATE INDEX [idx_scheduled_date] ON [procedure_order] ([scheduled_date]);
GO

-- hisops:stmt 315 75 ["table:procedure_order"]
CREATE INDEX [idx_specimen_type] ON [procedure_order] ([specimen_type]);
GO

-- index procedure_type.ptype_procedure_code
-- hisops:stmt 316 78 ["table:procedure_type"]
CREATE INDEX [ptype_procedure_code] ON [procedure_type] ([procedure_code]);
GO

-- index users.abook_type
-- hisops:stmt 317 55 ["table:users"]
CREATE INDEX [abook_type] ON [users] ([abook_type]);
GO

-- ======================================================================================
-- NEEDS REVIEW: not applied. Each item says why; uncomment what you decide to run.
-- ======================================================================================

-- [review] column api_token.user_id (type, nullable)
--   why: changes the type bigint → nvarchar(40): existing values are converted and may fail or change
-- ALTER TABLE [api_token] ALTER COLUMN [user_id] nvarchar(40) NULL;
-- GO

-- [review] column api_token.token (type)
--   why: narrows nvarchar(256) → nvarchar(128): longer or larger values would be cut or rejected (check the longest value first)
-- ALTER TABLE [api_token] ALTER COLUMN [token] nvarchar(128) NULL;
-- GO

-- [review] column automatic_notification.next_app_date
--   why: drops the column and its data
-- ALTER TABLE [automatic_notification] DROP COLUMN [next_app_date];
-- GO

-- [review] column automatic_notification.next_app_time
--   why: drops the column and its data
-- ALTER TABLE [automatic_notification] DROP COLUMN [next_app_time];
-- GO

-- [review] column automatic_notification.notification_sent_date
--   why: drops the column and its data
-- ALTER TABLE [automatic_notification] DROP COLUMN [notification_sent_date];
-- GO

-- [review] column drugs.form (type)
--   why: changes the type int → nvarchar(31): existing values are converted and may fail or change
-- ALTER TABLE [drugs] DROP CONSTRAINT IF EXISTS [DF_drugs_form];
-- GO

-- ALTER TABLE [drugs] ALTER COLUMN [form] nvarchar(31) NOT NULL;
-- GO

-- ALTER TABLE [drugs] ADD CONSTRAINT [DF_drugs_form] DEFAULT ('0') FOR [form];
-- GO

-- [review] column drugs.unit (type)
--   why: changes the type int → nvarchar(31): existing values are converted and may fail or change
-- ALTER TABLE [drugs] DROP CONSTRAINT IF EXISTS [DF_drugs_unit];
-- GO

-- ALTER TABLE [drugs] ALTER COLUMN [unit] nvarchar(31) NOT NULL;
-- GO

-- ALTER TABLE [drugs] ADD CONSTRAINT [DF_drugs_unit] DEFAULT ('0') FOR [unit];
-- GO

-- [review] column drugs.route (type)
--   why: changes the type int → nvarchar(31): existing values are converted and may fail or change
-- ALTER TABLE [drugs] DROP CONSTRAINT IF EXISTS [DF_drugs_route];
-- GO

-- ALTER TABLE [drugs] ALTER COLUMN [route] nvarchar(31) NOT NULL;
-- GO

-- ALTER TABLE [drugs] ADD CONSTRAINT [DF_drugs_route] DEFAULT ('0') FOR [route];
-- GO

-- [review] column form_care_plan.date (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [form_care_plan] ALTER COLUMN [date] datetime2(0) NULL;
-- GO

-- [review] column form_observation.form_id
--   why: adds a NOT NULL column without a default: SQL Server refuses it on a table that has rows; add a default or fill it in steps
-- ALTER TABLE [form_observation] ADD
--   [form_id] bigint NOT NULL;
-- GO

-- [review] column form_observation.date (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [form_observation] ALTER COLUMN [date] datetime2(0) NULL;
-- GO

-- [review] column form_observation.id (autoIncrement); primary key of form_observation
--   why: makes the column auto-increment: it must be a key, and existing zero values are renumbered
--   why: adds a primary key to a table with data: fails if rows repeat or hold NULLs in its columns
-- ALTER TABLE [form_observation] ADD CONSTRAINT [PK_form_observation] PRIMARY KEY ([id]);
-- GO

-- [review] column form_vitals.weight (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_weight];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [weight] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_weight] DEFAULT (0) FOR [weight];
-- GO

-- [review] column form_vitals.height (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_height];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [height] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_height] DEFAULT (0) FOR [height];
-- GO

-- [review] column form_vitals.temperature (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_temperature];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [temperature] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_temperature] DEFAULT (0) FOR [temperature];
-- GO

-- [review] column form_vitals.pulse (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_pulse];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [pulse] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_pulse] DEFAULT (0) FOR [pulse];
-- GO

-- [review] column form_vitals.respiration (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_respiration];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [respiration] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_respiration] DEFAULT (0) FOR [respiration];
-- GO

-- [review] column form_vitals.BMI (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_BMI];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [BMI] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_BMI] DEFAULT (0) FOR [BMI];
-- GO

-- [review] column form_vitals.waist_circ (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_waist_circ];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [waist_circ] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_waist_circ] DEFAULT (0) FOR [waist_circ];
-- GO

-- [review] column form_vitals.head_circ (type)
--   why: changes the type real → decimal(12,6): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_head_circ];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [head_circ] decimal(12,6) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_head_circ] DEFAULT (0) FOR [head_circ];
-- GO

-- [review] column form_vitals.oxygen_saturation (type)
--   why: changes the type real → decimal(6,2): existing values are converted and may fail or change
-- ALTER TABLE [form_vitals] DROP CONSTRAINT IF EXISTS [DF_form_vitals_oxygen_saturation];
-- GO

-- ALTER TABLE [form_vitals] ALTER COLUMN [oxygen_saturation] decimal(6,2) NULL;
-- GO

-- ALTER TABLE [form_vitals] ADD CONSTRAINT [DF_form_vitals_oxygen_saturation] DEFAULT (0) FOR [oxygen_saturation];
-- GO

-- [review] column insurance_companies.inactive (type)
--   why: narrows int → smallint: longer or larger values would be cut or rejected (check the longest value first)
-- ALTER TABLE [insurance_companies] DROP CONSTRAINT IF EXISTS [DF_insurance_companies_inactive];
-- GO

-- ALTER TABLE [insurance_companies] ALTER COLUMN [inactive] smallint NOT NULL;
-- GO

-- ALTER TABLE [insurance_companies] ADD CONSTRAINT [DF_insurance_companies_inactive] DEFAULT (0) FOR [inactive];
-- GO

-- [review] column issue_encounter.id; primary key of issue_encounter
--   why: adds an auto-increment column: it must become a key in the same statement (see the primary key change of this table)
--   why: changes the primary key (pid, list_id, encounter) → (id): fails if rows repeat in the new columns
-- ALTER TABLE [issue_encounter] DROP CONSTRAINT [PK_issue_encounter];
-- GO

-- ALTER TABLE [issue_encounter] ADD
--   [id] bigint IDENTITY(1,1) NOT NULL;
-- GO

-- ALTER TABLE [issue_encounter] ADD CONSTRAINT [PK_issue_encounter] PRIMARY KEY ([id]);
-- GO

-- [review] column lists.begdate (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [lists] ALTER COLUMN [begdate] datetime2(0) NULL;
-- GO

-- [review] column lists.enddate (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [lists] ALTER COLUMN [enddate] datetime2(0) NULL;
-- GO

-- [review] column modules.sql_version
--   why: adds a NOT NULL column without a default: SQL Server refuses it on a table that has rows; add a default or fill it in steps
-- ALTER TABLE [modules] ADD
--   [sql_version] nvarchar(150) NOT NULL;
-- GO

-- [review] column modules.acl_version
--   why: adds a NOT NULL column without a default: SQL Server refuses it on a table that has rows; add a default or fill it in steps
-- ALTER TABLE [modules] ADD
--   [acl_version] nvarchar(150) NOT NULL;
-- GO

-- [review] column patient_access_onsite.portal_salt
--   why: drops the column and its data
-- ALTER TABLE [patient_access_onsite] DROP COLUMN [portal_salt];
-- GO

-- [review] column patient_data.regdate (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [patient_data] ALTER COLUMN [regdate] datetime2(0) NULL;
-- GO

-- [review] column patient_data.ad_reviewed (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [patient_data] ALTER COLUMN [ad_reviewed] datetime2(0) NULL;
-- GO

-- [review] column patient_data.interpretter
--   why: drops the column and its data
-- ALTER TABLE [patient_data] DROP CONSTRAINT IF EXISTS [DF_patient_data_interpretter];
-- GO

-- ALTER TABLE [patient_data] DROP COLUMN [interpretter];
-- GO

-- [review] column patient_data.care_team
--   why: drops the column and its data
-- ALTER TABLE [patient_data] DROP COLUMN [care_team];
-- GO

-- [review] column prescriptions.date_added (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [prescriptions] ALTER COLUMN [date_added] datetime2(0) NULL;
-- GO

-- [review] column prescriptions.date_modified (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [prescriptions] ALTER COLUMN [date_modified] datetime2(0) NULL;
-- GO

-- [review] column prescriptions.rxnorm_drugcode (type)
--   why: changes the type int → nvarchar(25): existing values are converted and may fail or change
-- ALTER TABLE [prescriptions] ALTER COLUMN [rxnorm_drugcode] nvarchar(25) NULL;
-- GO

-- [review] column prescriptions.route (type)
--   why: changes the type int → nvarchar(100): existing values are converted and may fail or change
-- ALTER TABLE [prescriptions] ALTER COLUMN [route] nvarchar(100) NULL;
-- GO

-- [review] column prescriptions.usage_category_title
--   why: adds a NOT NULL column without a default: SQL Server refuses it on a table that has rows; add a default or fill it in steps
-- ALTER TABLE [prescriptions] ADD
--   [usage_category_title] nvarchar(255) NOT NULL;
-- GO

-- [review] column prescriptions.request_intent_title
--   why: adds a NOT NULL column without a default: SQL Server refuses it on a table that has rows; add a default or fill it in steps
-- ALTER TABLE [prescriptions] ADD
--   [request_intent_title] nvarchar(255) NOT NULL;
-- GO

-- [review] column procedure_order.date_ordered (type)
--   why: changes the type date → datetime2(0): existing values are converted and may fail or change
-- ALTER TABLE [procedure_order] ALTER COLUMN [date_ordered] datetime2(0) NULL;
-- GO

-- [review] column product_registration.id; column product_registration.registration_id; primary key of product_registration
--   why: adds an auto-increment column: it must become a key in the same statement (see the primary key change of this table)
--   why: drops the column and its data
--   why: changes the primary key (registration_id) → (id): fails if rows repeat in the new columns
-- ALTER TABLE [product_registration] DROP CONSTRAINT [PK_product_registration];
-- GO

-- ALTER TABLE [product_registration] DROP CONSTRAINT IF EXISTS [DF_product_registration_registration_id];
-- GO

-- ALTER TABLE [product_registration] DROP COLUMN [registration_id];
-- GO

-- ALTER TABLE [product_registration] ADD
--   [id] int IDENTITY(1,1) NOT NULL;
-- GO

-- ALTER TABLE [product_registration] ADD CONSTRAINT [PK_product_registration] PRIMARY KEY ([id]);
-- GO

-- [review] column users.pwd_expiration_date
--   why: drops the column and its data
-- ALTER TABLE [users] DROP COLUMN [pwd_expiration_date];
-- GO

-- [review] column users.pwd_history1
--   why: drops the column and its data
-- ALTER TABLE [users] DROP COLUMN [pwd_history1];
-- GO

-- [review] column users.pwd_history2
--   why: drops the column and its data
-- ALTER TABLE [users] DROP COLUMN [pwd_history2];
-- GO

-- [review] primary key of users_facility
--   why: changes the primary key (tablename, table_id, facility_id) → (tablename, table_id, facility_id, warehouse_id): fails if rows repeat in the new columns
-- ALTER TABLE [users_facility] DROP CONSTRAINT [PK_users_facility];
-- GO

-- ALTER TABLE [users_facility] ADD CONSTRAINT [PK_users_facility] PRIMARY KEY ([tablename], [table_id], [facility_id], [warehouse_id]);
-- GO

-- [review] column users_secure.salt
--   why: drops the column and its data
-- ALTER TABLE [users_secure] DROP COLUMN [salt];
-- GO

-- [review] column users_secure.salt_history1
--   why: drops the column and its data
-- ALTER TABLE [users_secure] DROP COLUMN [salt_history1];
-- GO

-- [review] column users_secure.salt_history2
--   why: drops the column and its data
-- ALTER TABLE [users_secure] DROP COLUMN [salt_history2];
-- GO

-- [review] index api_token.token
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [token] ON [api_token] ([token]);
-- GO

-- [review] index ccda.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [ccda] ([uuid]);
-- GO

-- [review] index documents.drive_uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [drive_uuid] ON [documents] ([drive_uuid]);
-- GO

-- [review] index documents.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [documents] ([uuid]);
-- GO

-- [review] index drug_sales.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [drug_sales] ([uuid]);
-- GO

-- [review] index drugs.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [drugs] ([uuid]);
-- GO

-- [review] index employer_data.uuid_unique
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid_unique] ON [employer_data] ([uuid]);
-- GO

-- [review] index facility.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [facility] ([uuid]);
-- GO

-- [review] index form_encounter.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [form_encounter] ([uuid]);
-- GO

-- [review] index form_misc_billing_options.encounter
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [encounter] ON [form_misc_billing_options] ([encounter]);
-- GO

-- [review] index form_observation.idx_form_id
--   why: needs form_observation.form_id, which only the review part adds
-- CREATE INDEX [idx_form_id] ON [form_observation] ([form_id]);
-- GO

-- [review] index form_vitals.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [form_vitals] ([uuid]);
-- GO

-- [review] index history_data.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [history_data] ([uuid]);
-- GO

-- [review] index immunizations.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [immunizations] ([uuid]);
-- GO

-- [review] index insurance_companies.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [insurance_companies] ([uuid]);
-- GO

-- [review] index insurance_data.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [insurance_data] ([uuid]);
-- GO

-- [review] index issue_encounter.uniq_issue_key
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uniq_issue_key] ON [issue_encounter] ([pid], [list_id], [encounter]);
-- GO

-- [review] index issue_encounter.uuid_unique
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid_unique] ON [issue_encounter] ([uuid]);
-- GO

-- [review] index lists.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [lists] ([uuid]);
-- GO

-- [review] index openemr_postcalendar_events.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [openemr_postcalendar_events] ([uuid]);
-- GO

-- [review] index patient_access_onsite.pid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [pid] ON [patient_access_onsite] ([pid]);
-- GO

-- [review] index patient_data.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [patient_data] ([uuid]);
-- GO

-- [review] index prescriptions.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [prescriptions] ([uuid]);
-- GO

-- [review] index procedure_order.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [procedure_order] ([uuid]);
-- GO

-- [review] index procedure_providers.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [procedure_providers] ([uuid]);
-- GO

-- [review] index procedure_report.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [procedure_report] ([uuid]);
-- GO

-- [review] index procedure_result.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [procedure_result] ([uuid]);
-- GO

-- [review] index users.google_signin_email
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [google_signin_email] ON [users] ([google_signin_email]);
-- GO

-- [review] index users.uuid
--   why: new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)
-- CREATE UNIQUE INDEX [uuid] ON [users] ([uuid]);
-- GO

-- [review] table erx_weno_drugs
--   why: drops the table and every row in it
-- DROP TABLE [erx_weno_drugs];
-- GO

-- [review] table log_validator
--   why: drops the table and every row in it
-- DROP TABLE [log_validator];
-- GO

-- [review] table multiple_db
--   why: drops the table and every row in it
-- DROP TABLE [multiple_db];
-- GO

-- [review] table patient_access_offsite
--   why: drops the table and every row in it
-- DROP TABLE [patient_access_offsite];
-- GO

-- end of script (317 statement(s) applied by hisops, 114 for review)
