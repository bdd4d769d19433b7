//! The client on its own against the mock server: raw completions in both shapes, the
//! concurrency cap, parallel candidates, the cache's keys and bound, and the usage counts.

mod support;

use serde_json::json;
use std::time::Duration;
use support::{Flavor, MockLlm, Scripted};
use vitae_llm::{Assistant, Client, Config, Message, Request};

fn request(text: &str) -> Request {
    Request {
        system: "Answer in JSON.".to_owned(),
        messages: vec![Message::user(text)],
        schema: None,
        sample: 0,
    }
}

async fn completes_raw_requests(flavor: Flavor) {
    let mock = MockLlm::start().await;
    mock.push(flavor.text_reply("{\"ok\": true}"));
    let client = Client::new(&flavor.config(&mock)).unwrap();
    let completion = client.complete(&request("hello")).await.unwrap();
    assert_eq!(completion.text, "{\"ok\": true}");
    assert!(!completion.cached);
    assert_eq!(completion.usage.requests, 1);
    assert_eq!(completion.usage.total_tokens(), 150);
    let recorded = &mock.requests()[0];
    assert_eq!(recorded.user(), ["hello"]);
    assert_eq!(recorded.system(), "Answer in JSON.");
    assert_eq!(recorded.body["max_tokens"], 2048);
    assert!(
        recorded.body.get("response_format").is_none() && recorded.body.get("tools").is_none(),
        "no schema, no structured-output request"
    );
}

#[tokio::test]
async fn openai_completes_raw_requests() {
    completes_raw_requests(Flavor::OpenAi).await;
}

#[tokio::test]
async fn anthropic_completes_raw_requests() {
    completes_raw_requests(Flavor::Anthropic).await;
}

#[tokio::test]
async fn no_more_calls_are_in_flight_than_the_cap() {
    let mock = MockLlm::start().await;
    mock.set_default(
        Flavor::OpenAi
            .text_reply("{}")
            .delay(Duration::from_millis(150)),
    );
    let config = Config {
        max_concurrency: 2,
        ..Flavor::OpenAi.config(&mock)
    };
    let client = Client::new(&config).unwrap();
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move { client.complete(&request(&format!("call {i}"))).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect("every call succeeds");
    }
    assert_eq!(mock.requests().len(), 6);
    assert_eq!(
        mock.max_in_flight(),
        2,
        "six calls at once ran two at a time: parallel, and capped"
    );
    assert_eq!(client.usage().requests, 6);
}

#[tokio::test]
async fn candidates_are_generated_in_parallel() {
    let mock = MockLlm::start().await;
    let resume = support::resume();
    let job = support::job(&support::backend_text());
    let deterministic = support::tailored(&resume, &job);
    // Every reply is unusable, so there is nothing to judge: three candidates, each repaired
    // once, then the deterministic result.
    mock.set_default(
        Flavor::Anthropic
            .text_reply("no JSON")
            .delay(Duration::from_millis(200)),
    );
    let config = Config {
        candidates: 3,
        max_concurrency: 8,
        ..Flavor::Anthropic.config(&mock)
    };
    let out = Assistant::new(&config)
        .unwrap()
        .tailor(&resume, &job, &deterministic)
        .await;
    assert!(!out.is_llm());
    assert_eq!(
        mock.requests().len(),
        6,
        "three candidates, one repair each"
    );
    assert_eq!(mock.max_in_flight(), 3, "the candidates ran side by side");
    let samples: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.user()[0].clone())
        .collect();
    assert!(
        samples.iter().all(|s| *s == samples[0]),
        "same prompt, told apart only by sample"
    );
}

#[tokio::test]
async fn requests_differing_only_by_sample_are_cached_apart() {
    let mock = MockLlm::start().await;
    mock.set_default(Flavor::OpenAi.text_reply("{}"));
    let client = Client::new(&Flavor::OpenAi.config(&mock)).unwrap();
    let first = request("same");
    let second = Request {
        sample: 1,
        ..first.clone()
    };
    client.complete(&first).await.unwrap();
    client.complete(&second).await.unwrap();
    let again = client.complete(&first).await.unwrap();
    assert!(again.cached);
    assert_eq!(mock.requests().len(), 2);
    let usage = client.usage();
    assert_eq!((usage.requests, usage.cache_hits), (2, 1));
}

#[tokio::test]
async fn the_cache_is_bounded() {
    let mock = MockLlm::start().await;
    mock.set_default(Flavor::OpenAi.text_reply("{}"));
    let config = Config {
        cache_capacity: 1,
        ..Flavor::OpenAi.config(&mock)
    };
    let client = Client::new(&config).unwrap();
    for text in ["a", "b", "a", "a"] {
        client.complete(&request(text)).await.unwrap();
    }
    assert_eq!(
        mock.requests().len(),
        3,
        "`a` was evicted by `b`, then cached again"
    );
}

#[tokio::test]
async fn a_forgotten_reply_is_fetched_again() {
    let mock = MockLlm::start().await;
    mock.set_default(Flavor::OpenAi.text_reply("{}"));
    let client = Client::new(&Flavor::OpenAi.config(&mock)).unwrap();
    let r = request("x");
    client.complete(&r).await.unwrap();
    client.forget(&r);
    assert!(!client.complete(&r).await.unwrap().cached);
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn retry_after_beyond_the_cap_waits_only_the_cap() {
    let mock = MockLlm::start().await;
    mock.push(
        Flavor::OpenAi
            .error(503, "overloaded")
            .header("retry-after", "3600"),
    )
    .push(Flavor::OpenAi.text_reply("{}"));
    let config = Config {
        max_backoff: Duration::from_millis(50),
        ..Flavor::OpenAi.config(&mock)
    };
    let client = Client::new(&config).unwrap();
    // Bounded by the test itself: an hour's wait would fail here rather than hang.
    let completion = tokio::time::timeout(Duration::from_secs(10), client.complete(&request("x")))
        .await
        .expect("the wait was capped")
        .unwrap();
    assert_eq!(completion.usage.retries, 1);
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn a_reply_of_the_wrong_shape_is_an_error_not_a_retry() {
    let mock = MockLlm::start().await;
    mock.push(Scripted::status(200, json!({"unexpected": true})));
    let client = Client::new(&Flavor::OpenAi.config(&mock)).unwrap();
    let error = client.complete(&request("x")).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("openai sent a reply vitae cannot read"),
        "{error}"
    );
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn an_https_base_url_speaks_tls() {
    use std::io::{Read, Write};
    // A loopback server that is not TLS: it records the first byte the client sends and answers
    // in plain HTTP, which a TLS client must refuse.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut first = [0u8; 1];
        socket.read_exact(&mut first).unwrap();
        let _ = socket.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");
        first[0]
    });
    let config = Config {
        base_url: format!("https://127.0.0.1:{}/v1", addr.port()),
        api_key: None,
        max_retries: 0,
        ..Config::new(vitae_llm::ProviderKind::OpenAi, support::MODEL)
    };
    let client = Client::new(&config).unwrap();
    let error = client.complete(&request("x")).await.unwrap_err();
    assert_eq!(
        server.join().unwrap(),
        0x16,
        "the client opened with a TLS handshake record"
    );
    assert!(
        error.to_string().contains("cannot reach openai"),
        "a plain-HTTP answer fails the handshake: {error}"
    );
}
