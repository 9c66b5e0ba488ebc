## capture_state(...): stores its arguments in the global AUTHORS_CAPTURE and returns false.
## Used as the condition of a breakpoint set by reference.m, so that the authors' functions
## run unchanged while their local decision (the configuration matrix p) is read out.
function r = capture_state(varargin)
  global AUTHORS_CAPTURE
  AUTHORS_CAPTURE = varargin;
  r = false;
end
