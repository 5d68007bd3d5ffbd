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
/// retrying will not help; the address needs correcting.
pub fn permanent_refusal(e: &anyhow::Error) -> Option<String> {
    e.chain()
        .filter_map(|c| c.downcast_ref::<lettre::transport::smtp::Error>())
        .find(|smtp| smtp.is_permanent())
        .and_then(|smtp| {
            let code = smtp.status()?.to_string();
            let said = smtp.to_string();
            refuses_the_mailbox(&code, &said).then(|| said.chars().take(300).collect())
        })
}

/// Whether a 5xx reply is about the recipient's mailbox. The SMTP client
/// does not say at which step a reply came, and a refusal of the sender,
/// the login, the message or a relay is the studio's setup to fix: marked
/// as a bounce it would stop every member's mail. So only a mailbox reply
/// code (550, 551, 553) whose text names the mailbox — an enhanced status
/// about the destination mailbox (5.1.1, 5.1.2, 5.1.3, 5.1.10, 5.2.1) or
/// plain words for it — counts, and never one that speaks of the sender,
/// a relay or a policy (5.7.x).
fn refuses_the_mailbox(code: &str, said: &str) -> bool {
    const MAILBOX_STATUS: &[&str] = &["5.1.1", "5.1.2", "5.1.3", "5.1.10", "5.2.1"];
    const MAILBOX_WORDS: &[&str] = &[
        "user unknown",
        "unknown user",
        "no such user",
        "recipient address rejected",
        "mailbox unavailable",
        "mailbox not found",
        "mailbox does not exist",
        "address does not exist",
        "does not exist",
        "account disabled",
    ];
    let lower = said.to_lowercase();
    let enhanced = lower
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|w| w.starts_with("5.") && w.matches('.').count() == 2);
    let names_mailbox = match enhanced {
        Some(status) => MAILBOX_STATUS.contains(&status),
        None => MAILBOX_WORDS.iter().any(|w| lower.contains(w)),
    };
    matches!(code, "550" | "551" | "553")
        && names_mailbox
        && !["sender", "relay", "from address", "policy"]
            .iter()
            .any(|w| lower.contains(w))
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

#[cfg(test)]
mod refusal_tests {
    use super::refuses_the_mailbox;

    #[test]
    fn only_a_refused_mailbox_is_a_bounce() {
        for said in [
            "permanent error (550): 5.1.1 <ana@acme.test>: Recipient address rejected: User unknown",
            "permanent error (550): 5.2.1 The email account that you tried to reach is disabled",
            "permanent error (550): No such user here",
            "permanent error (553): 5.1.3 Bad recipient address syntax",
        ] {
            let code = &said[17..20];
            assert!(refuses_the_mailbox(code, said), "{said}");
        }
    }

    #[test]
    fn the_studios_own_setup_is_not_a_bounce() {
        for said in [
            "permanent error (550): The from address does not match a verified Sender Identity",
            "permanent error (550): Sender verify failed",
            "permanent error (550): 5.1.0 <studio@bright.test>: Sender address rejected: Domain not found",
            "permanent error (553): sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
            "permanent error (550): 5.7.1 Relaying denied",
            "permanent error (535): 5.7.8 Authentication credentials invalid",
            "permanent error (552): 5.3.4 Message size exceeds fixed limit",
            "permanent error (554): 5.7.1 Message rejected under policy",
        ] {
            let code = &said[17..20];
            assert!(!refuses_the_mailbox(code, said), "{said}");
        }
    }
}
