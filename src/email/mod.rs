//! Outgoing mail: templates (subject, text and HTML per message), the SMTP
//! transport, and the data dir's outbox used when no SMTP server is set.
//! Mail is only ever sent from a job (see `jobs::mail`), never inline.

pub mod notices;
pub mod outbox;
mod sign_in;
#[cfg(test)]
mod snapshots;
pub mod templates;

use anyhow::Context;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// One address, or several separated by commas.
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A leader's notice: the one-click unsubscribe address, sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC 8058) so mail
    /// programs offer their own button.
    pub unsubscribe: Option<String>,
}

/// `List-Unsubscribe: <https://…>`.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim_matches(|c| c == '<' || c == '>').to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: a POST to the
/// address unsubscribes without a page (RFC 8058).
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

/// What the server said when it refused a message's recipient for good:
/// retrying will not help; the address needs correcting. Only the replies
/// about a mailbox count (550 mailbox unavailable, 551 not local, 553 name
/// not allowed), and not a policy refusal (`5.7.x`, relaying): a 5xx about
/// the sender, the login or the message is the studio's setup to fix, and
/// must not mark every member's address.
pub fn permanent_refusal(e: &anyhow::Error) -> Option<String> {
    e.chain()
        .filter_map(|c| c.downcast_ref::<lettre::transport::smtp::Error>())
        .find(|smtp| smtp.is_permanent())
        .and_then(|smtp| {
            let code = smtp.status()?.to_string();
            let said = smtp.to_string();
            let lower = said.to_lowercase();
            let about_mailbox = matches!(code.as_str(), "550" | "551" | "553")
                && !lower.contains(" 5.7.")
                && !lower.contains("relay");
            about_mailbox.then(|| said.chars().take(300).collect())
        })
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    pub fn new(
        smtp_url: Option<&SecretString>,
        outbox_dir: PathBuf,
        from: Mailbox,
    ) -> anyhow::Result<Self> {
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .context("smtp_url is not usable: use smtp://host:port or smtps://user:password@host")?
                    .build(),
            ),
            None => Transport::Outbox(outbox_dir),
        };
        Ok(Self { transport, from })
    }

    pub fn transport_name(&self) -> &'static str {
        match self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::Outbox(_) => "outbox",
        }
    }

    /// Sends one message. `event_id` becomes the Message-ID, so if a crash
    /// between sending and recording ever made a job run twice, receivers
    /// still see one message.
    pub async fn send(&self, event_id: &str, mail: &OutgoingMail) -> anyhow::Result<()> {
        self.send_as(event_id, mail, &self.from, None).await
    }

    /// As [`Mailer::send`], from the studio's chosen sender, with replies
    /// going to its support address when it has one.
    pub async fn send_as(
        &self,
        event_id: &str,
        mail: &OutgoingMail,
        from: &Mailbox,
        reply_to: Option<&Mailbox>,
    ) -> anyhow::Result<()> {
        let host = from.email.domain().to_string();
        let mut builder = Message::builder().from(from.clone());
        if let Some(r) = reply_to {
            builder = builder.reply_to(r.clone());
        }
        // One address or several, comma-separated (every leader of a team).
        let to: lettre::message::Mailboxes = mail
            .to
            .parse()
            .with_context(|| "the recipient address is not valid".to_string())?;
        for mailbox in to {
            builder = builder.to(mailbox);
        }
        if let Some(url) = &mail.unsubscribe {
            builder = builder
                .header(ListUnsubscribe(url.clone()))
                .header(ListUnsubscribePost);
        }
        let message = builder
            .subject(&mail.subject)
            .message_id(Some(format!("<{event_id}@{host}>")))
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .context("cannot build the email")?;
        match &self.transport {
            Transport::Smtp(t) => {
                t.send(message)
                    .await
                    .context("the SMTP server refused the email")?;
            }
            Transport::Outbox(dir) => {
                let raw = message.formatted();
                outbox::write(dir, event_id, mail, &raw).await?;
            }
        }
        Ok(())
    }
}
