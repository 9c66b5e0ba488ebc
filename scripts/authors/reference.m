## reference.m: runs the authors' own decision procedures (chetna-iitd/orchestrate_dynamic_DNN)
## over the papers' grid and writes what they decide as CSV. Their code is not copied: it is
## called from the directories given, unchanged. Their functions return only energies, so the
## configuration matrix p is read by a conditional breakpoint on the function's last statement
## whose condition (capture_state) copies the local variables and never stops.
##
## Usage: octave --no-gui --norc -q reference.m SINGLE_DIR MULTI_DIR OUT_DIR
##   SINGLE_DIR  their repository at the head (weighted_fn1.m, ifg_high.m, ifg.m, ifg_low.m)
##   MULTI_DIR   their repository at 5b67a48 (the *_multi_model.m functions)
##   OUT_DIR     where authors-reference-cifar10.csv and authors-reference-multi.csv go
1;

function line = last_statement_line(file)
  ## The line of `tot_delay2=...`, the last statement of every function used here.
  lines = strsplit(fileread(file), "\n");
  line = find(strncmp(strtrim(lines), "tot_delay2=", 11), 1);
  if isempty(line)
    error("reference: no tot_delay2 statement in %s", file);
  end
end

function arm(dir, fname, expression)
  ln = last_statement_line(fullfile(dir, [fname ".m"]));
  dbstop("in", fname, "at", num2str(ln), "if", expression);
end

function s = config_string(hosts, exit_index)
  s = [sprintf("%d", hosts) "|e" sprintf("%d", exit_index)];
end

function s = num(x)
  s = sprintf("%.17g", x);
end

args = argv();
if numel(args) ~= 3
  error("usage: reference.m SINGLE_DIR MULTI_DIR OUT_DIR");
end
single_dir = args{1}; multi_dir = args{2}; out_dir = args{3};
here = fileparts(mfilename("fullpath"));
addpath(here);
global AUTHORS_CAPTURE

## ---- Single model: B-AlexNet, CIFAR-10 (their tot_energy1 / accuracy1 series) ----
addpath(single_dir);
single = {"weighted_fn1", "ifg_high", "ifg", "ifg_low"};
for f = 1:numel(single)
  arm(single_dir, single{f}, "capture_state(p, compute_delay + communication_delay, accuracy1)");
end
delays = 3:1:15;        # ms, as their driver exhaustive_constraint_combined_high_gamma.m
accuracies = 10:5:85;   # percent
fid = fopen(fullfile(out_dir, "authors-reference-cifar10.csv"), "w");
fprintf(fid, "procedure,latencyBoundMs,accuracyTargetPercent,configuration,energyJoules,");
fprintf(fid, "computeEnergyJoules,communicationEnergyJoules,latencySeconds,accuracyPercent\n");
for f = 1:numel(single)
  for d = delays
    for a = accuracies
      AUTHORS_CAPTURE = {};
      ## Called as their driver calls them: delay in seconds, accuracy in percent.
      ## Energies are the function's own return values (CIFAR-10 series: compute_energy1,
      ## communication_energy1, tot_energy1).
      evalc(sprintf("[c1,c2,m1,m2,t1,t2] = %s(%s, %s);", single{f}, num(d * 10^-3), num(a)));
      c = AUTHORS_CAPTURE;
      if isempty(c)
        error("reference: no capture from %s", single{f});
      end
      p = c{1};
      fprintf(fid, "%s,%d,%d,%s,%s,%s,%s,%s,%s\n", single{f}, d, a, config_string(p(:, 1)', p(1, 2)), ...
              num(t1), num(c1), num(m1), num(c{2}), num(c{3}));
    end
  end
end
fclose(fid);
dbclear all;
rmpath(single_dir);

## ---- Multi-model (commit 5b67a48): 1..20 users of each of B-AlexNet, B-ResNet, B-LeNet ----
addpath(multi_dir);
multi = {"weighted_fn1_multi_model", "ifg_high_multi_model"};
for f = 1:numel(multi)
  arm(multi_dir, multi{f}, "capture_state(p)");
end
models = {"b-alexnet", "b-resnet", "b-lenet"};
blocks = [5 5 3];
fid = fopen(fullfile(out_dir, "authors-reference-multi.csv"), "w");
## modelEnergyJoules: the function's tot_energy1 for the DNN, summed over its users.
fprintf(fid, "procedure,users,model,user,configuration,modelEnergyJoules\n");
for f = 1:numel(multi)
  for n = 1:20
    AUTHORS_CAPTURE = {};
    ## Their driver's values: 5 ms and 50 % for AlexNet and ResNet, 0.1 ms and 95 % for LeNet,
    ## n users of each model.
    evalc(sprintf("[c1,c2,m1,m2,t1,t2] = %s(5*10^-3, 50, 0.1*10^-3, 95, %d, %d, %d);", ...
                  multi{f}, n, n, n));
    c = AUTHORS_CAPTURE;
    if isempty(c)
      error("reference: no capture from %s", multi{f});
    end
    p = c{1};
    for m = 1:3
      for u = 1:n
        fprintf(fid, "%s,%d,%s,%d,%s,%s\n", multi{f}, n, models{m}, u, ...
                config_string(p(1:blocks(m), 1, m, u)', p(1, 2, m, u)), num(t1(m)));
      end
    end
  end
end
fclose(fid);
