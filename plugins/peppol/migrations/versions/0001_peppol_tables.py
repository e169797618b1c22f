"""peppol tables: provider accounts, transmissions, attempts, participants, inbox, webhooks

Revision ID: 0001_peppol
Revises:
Create Date: 2026-12-05 13:08:08.950948
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_peppol"
down_revision = None
branch_labels = ("peppol",)
depends_on = ["0001_core", "0001_invoicing"]


def upgrade():
    op.create_table(
        "peppol_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.String(length=80), nullable=False),
        sa.Column("registered", sa.Boolean(), nullable=True),
        sa.Column("document_types", sa.JSON(), nullable=False),
        sa.Column("provider_name", sa.String(length=100), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_participant_company_id_core_company"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_participant")),
        sa.UniqueConstraint(
            "company_id",
            "participant_id",
            name=op.f("uq_peppol_participant_company_id_participant_id"),
        ),
    )
    with op.batch_alter_table("peppol_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_participant_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "peppol_provider",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("base_url", sa.String(length=500), nullable=True),
        sa.Column("credentials_encrypted", sa.Text(), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("circuit_opened_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_latency_ms", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_provider_company_id_core_company"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_provider")),
        sa.UniqueConstraint("company_id", "name", name=op.f("uq_peppol_provider_company_id_name")),
    )
    with op.batch_alter_table("peppol_provider", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_provider_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "peppol_webhook",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("secret_encrypted", sa.Text(), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_webhook_company_id_core_company"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_webhook")),
    )
    with op.batch_alter_table("peppol_webhook", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_webhook_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "peppol_inbound",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sender_id", sa.String(length=80), nullable=True),
        sa.Column("number", sa.String(length=64), nullable=True),
        sa.Column("profile", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rule_ids", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("bill_id", sa.Integer(), nullable=True),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_inbound_company_id_core_company"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["peppol_provider.id"],
            name=op.f("fk_peppol_inbound_provider_id_peppol_provider"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_inbound")),
        sa.UniqueConstraint(
            "company_id", "sha256", name=op.f("uq_peppol_inbound_company_id_sha256")
        ),
    )
    with op.batch_alter_table("peppol_inbound", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_inbound_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            "ix_peppol_inbound_sender_number", ["company_id", "sender_id", "number"], unique=False
        )

    op.create_table(
        "peppol_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inbox_enabled", sa.Boolean(), nullable=False),
        sa.Column("inbox_time", sa.String(length=5), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("last_scheduled_run", sa.DateTime(), nullable=True),
        sa.Column("forward_provider_id", sa.Integer(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_settings_company_id_core_company"),
        ),
        sa.ForeignKeyConstraint(
            ["forward_provider_id"],
            ["peppol_provider.id"],
            name=op.f("fk_peppol_settings_forward_provider_id_peppol_provider"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_settings")),
        sa.UniqueConstraint("company_id", name=op.f("uq_peppol_settings_company_id")),
    )
    with op.batch_alter_table("peppol_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_settings_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "peppol_webhook_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_webhook_delivery_company_id_core_company"),
        ),
        sa.ForeignKeyConstraint(
            ["webhook_id"],
            ["peppol_webhook.id"],
            name=op.f("fk_peppol_webhook_delivery_webhook_id_peppol_webhook"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_webhook_delivery")),
    )
    with op.batch_alter_table("peppol_webhook_delivery", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_webhook_delivery_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            "ix_peppol_webhook_delivery_due", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_peppol_webhook_delivery_webhook_id"), ["webhook_id"], unique=False
        )

    op.create_table(
        "peppol_transmission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("document_number", sa.String(length=32), nullable=True),
        sa.Column("document_type", sa.String(length=16), nullable=False),
        sa.Column("profile", sa.String(length=16), nullable=False),
        sa.Column("sender_id", sa.String(length=80), nullable=True),
        sa.Column("receiver_id", sa.String(length=80), nullable=False),
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("xml_sha256", sa.String(length=64), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("provider_name", sa.String(length=100), nullable=True),
        sa.Column("provider_message_id", sa.String(length=200), nullable=True),
        sa.Column("attempt_count", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("error_class", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("mls_code", sa.String(length=2), nullable=True),
        sa.Column("mls_reasons", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_transmission_company_id_core_company"),
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoicing_invoice.id"],
            name=op.f("fk_peppol_transmission_invoice_id_invoicing_invoice"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["peppol_provider.id"],
            name=op.f("fk_peppol_transmission_provider_id_peppol_provider"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_transmission")),
        sa.UniqueConstraint(
            "company_id",
            "invoice_id",
            "generation",
            name=op.f("uq_peppol_transmission_company_id_invoice_id_generation"),
        ),
    )
    with op.batch_alter_table("peppol_transmission", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_transmission_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            "ix_peppol_transmission_company_state", ["company_id", "state", "id"], unique=False
        )
        batch_op.create_index(
            "ix_peppol_transmission_due", ["state", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_peppol_transmission_invoice_id"), ["invoice_id"], unique=False
        )

    op.create_table(
        "peppol_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("transmission_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("provider_name", sa.String(length=100), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("latency_ms", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("error_class", sa.String(length=32), nullable=True),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.String(length=200), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["core_company.id"],
            name=op.f("fk_peppol_attempt_company_id_core_company"),
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["peppol_provider.id"],
            name=op.f("fk_peppol_attempt_provider_id_peppol_provider"),
        ),
        sa.ForeignKeyConstraint(
            ["transmission_id"],
            ["peppol_transmission.id"],
            name=op.f("fk_peppol_attempt_transmission_id_peppol_transmission"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peppol_attempt")),
    )
    with op.batch_alter_table("peppol_attempt", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peppol_attempt_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_peppol_attempt_transmission_id"), ["transmission_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("peppol_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peppol_attempt_transmission_id"))
        batch_op.drop_index(batch_op.f("ix_peppol_attempt_company_id"))

    op.drop_table("peppol_attempt")
    with op.batch_alter_table("peppol_transmission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peppol_transmission_invoice_id"))
        batch_op.drop_index("ix_peppol_transmission_due")
        batch_op.drop_index("ix_peppol_transmission_company_state")
        batch_op.drop_index(batch_op.f("ix_peppol_transmission_company_id"))

    op.drop_table("peppol_transmission")
    with op.batch_alter_table("peppol_webhook_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peppol_webhook_delivery_webhook_id"))
        batch_op.drop_index("ix_peppol_webhook_delivery_due")
        batch_op.drop_index(batch_op.f("ix_peppol_webhook_delivery_company_id"))

    op.drop_table("peppol_webhook_delivery")
    with op.batch_alter_table("peppol_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peppol_settings_company_id"))

    op.drop_table("peppol_settings")
    with op.batch_alter_table("peppol_inbound", schema=None) as batch_op:
        batch_op.drop_index("ix_peppol_inbound_sender_number")
        batch_op.drop_index(batch_op.f("ix_peppol_inbound_company_id"))

    op.drop_table("peppol_inbound")
    with op.batch_alter_table("peppol_webhook", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peppol_webhook_company_id"))

    op.drop_table("peppol_webhook")
    with op.batch_alter_table("peppol_provider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peppol_provider_company_id"))

    op.drop_table("peppol_provider")
    with op.batch_alter_table("peppol_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peppol_participant_company_id"))

    op.drop_table("peppol_participant")
