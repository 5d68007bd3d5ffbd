//! Where the cut-out's inference spends its time, by kind of operation:
//! `cargo run --release --example profile_matting`. Runs the embedded IS-Net
//! model twice (the first run warms up) through tract on every core, timing
//! each node, and prints the heaviest kinds.

use std::collections::HashMap;
use std::time::{Duration, Instant};
use tract_onnx::prelude::*;
use tract_onnx::tract_core;
use tract_onnx::tract_core::plan::SimpleState;

fn main() -> anyhow::Result<()> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/person_matting_isnet.onnx"
    );
    let model = tract_onnx::onnx()
        .model_for_path(path)?
        .with_input_fact(0, f32::fact([1, 3, 1024, 1024]).into())?
        .into_optimized()?;
    let plan = TypedSimplePlan::new(model)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let executor = tract_linalg::multithread::Executor::multithread(threads);
    let input: TValue = Tensor::zero::<f32>(&[1, 3, 1024, 1024])?.into();
    let mut by_kind: HashMap<String, (Duration, usize)> = HashMap::new();
    let mut whole = Duration::ZERO;
    for run in 0..2 {
        let mut state = SimpleState::new(&plan)?;
        let mut times: HashMap<String, (Duration, usize)> = HashMap::new();
        let started = Instant::now();
        tract_linalg::multithread::multithread_tract_scope(executor.clone(), || {
            state.run_plan_with_eval(tvec!(input.clone()), |ctx, op_state, node, inputs| {
                let t = Instant::now();
                let out = tract_core::plan::eval(ctx, op_state, node, inputs);
                let e = times.entry(node.op().name().to_string()).or_default();
                e.0 += t.elapsed();
                e.1 += 1;
                out
            })
        })?;
        if run == 1 {
            whole = started.elapsed();
            by_kind = times;
        }
    }
    let mut rows: Vec<_> = by_kind.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1.0));
    println!(
        "whole inference: {} ms on {threads} threads",
        whole.as_millis()
    );
    for (kind, (t, n)) in rows.iter().take(15) {
        let share = t.as_secs_f64() / whole.as_secs_f64() * 100.0;
        println!("{:>7} ms {share:>5.1} %  {n:>4}×  {kind}", t.as_millis());
    }
    Ok(())
}
