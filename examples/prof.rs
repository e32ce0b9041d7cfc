use std::time::Instant;
fn main() {
    let p = zhnews::Pipeline::new(&zhnews::Dictionaries::embedded()).unwrap();
    let text = std::fs::read_to_string("/tmp/bench.jsonl").unwrap();
    let docs: Vec<_> = text
        .lines()
        .take(800)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            p.analyze(v["text"].as_str().unwrap().to_string())
        })
        .collect();
    let t = Instant::now();
    let mut n = 0;
    for d in &docs {
        n += zhnews::numbers(d).len();
    }
    println!("numbers {:?} {}", t.elapsed(), n);
    let t = Instant::now();
    let mut n = 0;
    for d in &docs {
        n += p.figures(d).len();
    }
    println!("figures {:?} {}", t.elapsed(), n);
}
