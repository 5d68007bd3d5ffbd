//! Domain enums stored as text. A value the program does not know is a
//! decoding error naming the column's meaning, never a silent default.

/// sqlx's `Type` for the `Any` driver: stored in a text column.
macro_rules! stored_as_text {
    ($t:ty) => {
        impl sqlx::Type<sqlx::Any> for $t {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }
    };
}

/// Implements sqlx's `Type`, `Encode` and `Decode` for the `Any` driver on
/// an enum with `as_str(self) -> &'static str` and
/// `parse(&str) -> Option<Self>`. `$what` names it in errors.
macro_rules! text_enum {
    ($t:ty, $what:literal) => {
        stored_as_text!($t);

        impl sqlx::Encode<'_, sqlx::Any> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'_, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $t {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let s = <&str as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                <$t>::parse(s).ok_or_else(|| {
                    format!(concat!("unknown ", $what, " {:?} in the database"), s).into()
                })
            }
        }
    };
}

/// Implements sqlx's `Type`, `Encode` and `Decode` for the `Any` driver on
/// an id newtype over `String`.
macro_rules! text_id {
    ($t:ty) => {
        stored_as_text!($t);

        impl sqlx::Encode<'_, sqlx::Any> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'_, sqlx::Any>>::encode(self.to_string(), buf)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $t {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                Ok(<$t>::from(<String as sqlx::Decode<'r, sqlx::Any>>::decode(
                    value,
                )?))
            }
        }
    };
}

text_id!(crate::domain::TeamId);
text_id!(crate::domain::DepartmentId);
text_id!(crate::domain::HeadshotId);
text_id!(crate::domain::UserId);

text_enum!(crate::domain::HeadshotStatus, "headshot status");
text_enum!(crate::queue::JobKind, "job kind");
text_enum!(crate::domain::LedgerKind, "ledger kind");
text_enum!(
    crate::domain::CustomBackgroundStatus,
    "custom-background status"
);
text_enum!(crate::domain::StaffRole, "staff role");
text_enum!(crate::domain::roles::UserKind, "account kind");
text_enum!(crate::billing::ProviderKind, "payment provider");
text_enum!(crate::billing::PaymentStatus, "payment status");

#[cfg(test)]
mod tests {
    use crate::billing::PaymentStatus;
    use crate::domain::{HeadshotStatus, UserKind};

    /// A value the program does not know fails to decode, naming what it is,
    /// and a known one reads back.
    #[tokio::test]
    async fn unknown_stored_values_are_errors_not_defaults() {
        let db = super::super::Db::connect(&"sqlite::memory:".to_string().into())
            .await
            .unwrap();
        let read = |sql: &'static str| sqlx::query_scalar::<_, HeadshotStatus>(sql);
        assert_eq!(
            read("SELECT 'in_retouching'")
                .fetch_one(&db.pool)
                .await
                .unwrap(),
            HeadshotStatus::InRetouching
        );
        let e = read("SELECT 'lost'").fetch_one(&db.pool).await.unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown headshot status \"lost\" in the database"),
            "{e}"
        );
        let e = sqlx::query_scalar::<_, PaymentStatus>("SELECT 'refunded'")
            .fetch_one(&db.pool)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("unknown payment status"), "{e}");
        let e = sqlx::query_scalar::<_, UserKind>("SELECT 'admin'")
            .fetch_one(&db.pool)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("unknown account kind"), "{e}");
    }
}
